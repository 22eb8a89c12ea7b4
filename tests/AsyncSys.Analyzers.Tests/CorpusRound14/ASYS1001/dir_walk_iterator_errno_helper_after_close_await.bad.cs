// A sync tool lists a directory with getdents64 in an async iterator (await foreach by the caller). When getdents64
// fails it closes the directory on the ring and then builds the exception from Posix.LastError(), a helper that
// returns the saved P/Invoke error. After the await the iterator may run on another pool thread, whose saved error
// belongs to whatever that thread called last: the walk reports a stale or zero errno instead of EIO or ENOENT (a
// directory removed while it was being listed), and the caller cannot tell "skip it" from "stop the sync".
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using AsyncSys;

namespace Round14.Errno.DirWalkIteratorAfterClose;

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
                await ring.CloseAsync(dirFd, ct);
                throw new ErrnoException(/*~ASYS1001*/Posix.LastError(), "getdents64");
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
