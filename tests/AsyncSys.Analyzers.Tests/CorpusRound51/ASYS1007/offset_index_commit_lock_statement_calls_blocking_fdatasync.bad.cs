// An offset index appends entries with an awaited ring write and then, inside a `lock` that guards its durable watermark, calls the blocking fdatasync wrapper in the async commit, blocking a pool thread (and every committer queued on the lock) for the whole flush.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.OffsetIndexLockBad;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fdatasync(int fd);
}

internal sealed class OffsetIndex(IoRing ring, int fd)
{
    private readonly object _sync = new();
    private long _durableOffset;

    public long DurableOffset
    {
        get
        {
            lock (_sync)
            {
                return _durableOffset;
            }
        }
    }

    public async Task CommitAsync(ReadOnlyMemory<byte> entries, long offset, CancellationToken ct)
    {
        await ring.WriteAsync(fd, entries, offset, ct).ConfigureAwait(false);
        lock (_sync)
        {
            if (/*~ASYS1007*/Native.Fdatasync(fd) != 0)
            {
                throw new IOException("fdatasync failed, errno " + Marshal.GetLastPInvokeError());
            }

            _durableOffset = Math.Max(_durableOffset, offset + entries.Length);
        }
    }
}
