// The same walker rents its getdents64 buffer from the pool for each listing and returns it after the last awaited
// read: the array belongs to this listing, whichever thread its continuations run on.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round27.ThreadState.WalkerPooledBuffer;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint GetDents64(int fd, Span<byte> buffer, nuint count);
}

public static class DirectoryLister
{
    public static async Task<List<string>> ListAsync(int dirFd, CancellationToken ct)
    {
        var names = new List<string>();
        byte[] entries = ArrayPool<byte>.Shared.Rent(32 * 1024);
        try
        {
            while (true)
            {
                nint n = await Native.GetDents64Async(dirFd, entries, ct);
                if (n <= 0)
                {
                    break;
                }

                Dirents.AppendNames(entries, (int)n, names);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(entries);
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
