// An offset index appends entries with an awaited ring write, awaits the fdatasync wrapper's generated variant, and only then takes the `lock` that guards its durable watermark to raise it.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.OffsetIndexLockOk;

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
        await Native.FdatasyncAsync(ring, fd, ct).ConfigureAwait(false);
        lock (_sync)
        {
            _durableOffset = Math.Max(_durableOffset, offset + entries.Length);
        }
    }
}
