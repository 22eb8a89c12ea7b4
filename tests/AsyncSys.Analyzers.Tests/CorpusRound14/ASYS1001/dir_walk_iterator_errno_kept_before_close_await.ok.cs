// The same async directory iterator, with errno taken through Posix.LastError() right after the failed getdents64
// (nothing but Fill's return in between) and kept in a local across the ring close.
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using AsyncSys;

namespace Round14.Errno.DirWalkIteratorKeptBeforeClose;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    internal static partial nint GetDents64(int fd, byte* buffer, nuint count);
}

internal static class Posix
{
    internal static int LastError() => Marshal.GetLastPInvokeError();
}

public sealed class TreeWalker(IoRing ring)
{
    public async IAsyncEnumerable<string> NamesAsync(int dirFd, [EnumeratorCancellation] CancellationToken ct = default)
    {
        byte[] buffer = new byte[32 * 1024];
        while (true)
        {
            nint n = Fill(dirFd, buffer);
            if (n == 0)
            {
                break;
            }

            if (n < 0)
            {
                int errno = Posix.LastError();
                await ring.CloseAsync(dirFd, ct);
                throw new ErrnoException(errno, "getdents64");
            }

            foreach (string name in Parse(buffer, (int)n))
            {
                yield return name;
            }
        }

        await ring.CloseAsync(dirFd, ct);
    }

    private static unsafe nint Fill(int fd, byte[] buffer)
    {
        fixed (byte* p = buffer)
        {
            return Native.GetDents64(fd, p, (nuint)buffer.Length);
        }
    }

    // linux_dirent64: d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name (NUL-terminated).
    private static List<string> Parse(byte[] buffer, int length)
    {
        var names = new List<string>();
        for (int at = 0; at < length;)
        {
            int recordLength = buffer[at + 16] | (buffer[at + 17] << 8);
            int end = System.Array.IndexOf(buffer, (byte)0, at + 19);
            string name = Encoding.UTF8.GetString(buffer, at + 19, end - (at + 19));
            if (name is not "." and not "..")
            {
                names.Add(name);
            }

            at += recordLength;
        }

        return names;
    }
}
