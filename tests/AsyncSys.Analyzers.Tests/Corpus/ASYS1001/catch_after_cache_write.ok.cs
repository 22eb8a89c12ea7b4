// The read's errno is taken inside the try, right after the call; the catch reports what it kept.
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Corpus;

internal static unsafe partial class Sys
{
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, byte* buffer, nuint count);
}

internal static unsafe class StatusCache
{
    public static int Refresh(int fd, byte[] buffer, string cachePath)
    {
        int readErrno = 0;
        try
        {
            nint n;
            fixed (byte* p = buffer)
            {
                n = Sys.Read(fd, p, (nuint)buffer.Length);
                if (n < 0)
                {
                    readErrno = Marshal.GetLastPInvokeError();
                }
            }

            File.WriteAllBytes(cachePath, buffer.AsSpan(0, (int)Math.Max(n, 0)).ToArray());
            return (int)n;
        }
        catch (IOException)
        {
            Console.Error.WriteLine("status refresh failed, read errno " + readErrno);
            return -1;
        }
    }
}
