// errno read after a logging call that sits between the failed write and the read.
using System;
using System.Runtime.InteropServices;

namespace Corpus;

internal static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, byte* buffer, nuint count);
}

internal static unsafe class LogSink
{
    public static int Append(int fd, ReadOnlySpan<byte> line)
    {
        fixed (byte* p = line)
        {
            nint written = Libc.Write(fd, p, (nuint)line.Length);
            if (written < 0)
            {
                Console.Error.WriteLine("append failed on fd " + fd);
                return /*~ASYS1001*/Marshal.GetLastPInvokeError();
            }

            return 0;
        }
    }
}
