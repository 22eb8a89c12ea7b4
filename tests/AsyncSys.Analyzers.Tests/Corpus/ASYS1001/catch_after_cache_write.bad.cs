// The catch is reached after the cache file write (its own syscalls) that followed the read.
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
        try
        {
            nint n;
            fixed (byte* p = buffer)
            {
                n = Sys.Read(fd, p, (nuint)buffer.Length);
            }

            File.WriteAllBytes(cachePath, buffer.AsSpan(0, (int)Math.Max(n, 0)).ToArray());
            return (int)n;
        }
        catch (IOException)
        {
            Console.Error.WriteLine("status refresh failed, read errno " + /*~ASYS1001*/Marshal.GetLastPInvokeError());
            return -1;
        }
    }
}
