// A log rotator is a file-local primary-constructor class: its async RotateAsync awaits the ring write of the last batch and then makes the old segment durable with the generated fsync wrapper's synchronous form. The pool thread blocks for the whole fsync, though the wrapper has an awaitable variant.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.FileLocalRotatorFsyncBad;

internal static partial class LogNative
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(int fd);
}

file sealed class SegmentRotator(IoRing ring, int segmentFd)
{
    public async Task RotateAsync(ReadOnlyMemory<byte> lastBatch, long offset, CancellationToken ct)
    {
        await ring.WriteAsync(segmentFd, lastBatch, offset, ct).ConfigureAwait(false);
        if (/*~ASYS1007*/LogNative.Fsync(segmentFd) < 0)
        {
            throw new IOException("fsync of the old segment failed, errno " + Marshal.GetLastPInvokeError());
        }
    }
}

internal static class Rotation
{
    public static Task RotateAsync(IoRing ring, int fd, ReadOnlyMemory<byte> batch, long offset, CancellationToken ct) =>
        new SegmentRotator(ring, fd).RotateAsync(batch, offset, ct);
}
