// A command-line lister enumerates a directory with a synchronous iterator over the blocking getdents64 wrapper: the
// tool is synchronous by design (one thread, output in order), so blocking is its choice and no variant is called for.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using AsyncSys;

namespace Round27.Blocking.SyncIteratorGetdents;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint GetDents64(int fd, Span<byte> buffer, nuint count);
}

public static class Lister
{
    public static IEnumerable<string> Names(int dirFd)
    {
        byte[] entries = new byte[64 * 1024];
        while (true)
        {
            nint n = Native.GetDents64(dirFd, entries, (nuint)entries.Length);
            if (n < 0)
            {
                throw new ErrnoException(Marshal.GetLastPInvokeError(), "getdents64");
            }

            if (n == 0)
            {
                yield break;
            }

            int at = 0;
            while (at + 19 < n)
            {
                ushort reclen = BitConverter.ToUInt16(entries, at + 16);
                int end = Array.IndexOf(entries, (byte)0, at + 19);
                yield return Encoding.UTF8.GetString(entries, at + 19, end - (at + 19));
                at += reclen;
            }
        }
    }
}
