// A parallel walker keeps one getdents64 buffer per thread in a [ThreadStatic] field to avoid allocating per directory,
// takes it before its read loop and parses it after each awaited read: after the await the listing may go on on another
// thread while a second listing that started on this one takes the same array and reads its own directory into it, so
// both parse a mix of the two directories' entries.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round27.ThreadState.WalkerThreadStaticBuffer;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint GetDents64(int fd, Span<byte> buffer, nuint count);
}

public static class DirectoryLister
{
    [ThreadStatic]
    private static byte[]? t_entries;

    public static async Task<List<string>> ListAsync(int dirFd, CancellationToken ct)
    {
        var names = new List<string>();
        byte[] entries = t_entries ??= new byte[32 * 1024];
        while (true)
        {
            nint n = await Native.GetDents64Async(dirFd, entries, ct);
            if (n <= 0)
            {
                break;
            }

            Dirents.AppendNames(/*~ASYS1002*/entries, (int)n, names);
        }

        return names;
    }
}

internal static class Dirents
{
    public static void AppendNames(byte[] entries, int length, List<string> names)
    {
        int at = 0;
        while (at + 19 < length)
        {
            ushort reclen = BitConverter.ToUInt16(entries, at + 16);
            int end = Array.IndexOf(entries, (byte)0, at + 19);
            string name = Encoding.UTF8.GetString(entries, at + 19, end - (at + 19));
            if (name is not "." and not "..")
            {
                names.Add(name);
            }

            at += reclen;
        }
    }
}
