// A walker that feeds a bounded channel of paths lists each directory with the blocking getdents64 wrapper inside its
// async method: on a large or remote directory every call holds a pool thread, and with a dozen walkers in parallel the
// pool starves the hashers downstream, though GetDents64Async exists beside the wrapper.
using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round27.Blocking.WalkerGetdents;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint GetDents64(int fd, Span<byte> buffer, nuint count);
}

public sealed class ChannelWalker(ChannelWriter<string> found)
{
    public async Task ListAsync(int dirFd, string path, CancellationToken ct)
    {
        byte[] entries = new byte[64 * 1024];
        while (true)
        {
            nint n = /*~ASYS1007*/Native.GetDents64(dirFd, entries, (nuint)entries.Length);
            if (n < 0)
            {
                throw new ErrnoException(Marshal.GetLastPInvokeError(), "getdents64", path);
            }

            if (n == 0)
            {
                return;
            }

            foreach (string name in Dirents.Names(entries, (int)n))
            {
                await found.WriteAsync(Path.Join(path, name), ct);
            }
        }
    }
}

internal static class Dirents
{
    public static List<string> Names(byte[] entries, int length)
    {
        var names = new List<string>();
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

        return names;
    }
}
