// The file-local rotator awaits the fsync wrapper's generated variant, so no pool thread blocks on the disk.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.FileLocalRotatorFsyncOk;

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
        await LogNative.FsyncAsync(ring, segmentFd, ct).ConfigureAwait(false);
    }
}

internal static class Rotation
{
    public static Task RotateAsync(IoRing ring, int fd, ReadOnlyMemory<byte> batch, long offset, CancellationToken ct) =>
        new SegmentRotator(ring, fd).RotateAsync(batch, offset, ct);
}
