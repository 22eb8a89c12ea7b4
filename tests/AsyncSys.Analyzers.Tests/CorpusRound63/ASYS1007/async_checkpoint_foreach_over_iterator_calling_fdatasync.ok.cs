// The same checkpoint: the synchronous iterator only yields the segment fds that are open, and the async method awaits the fdatasync wrapper's generated variant for each, so no thread blocks on the disk.
using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using System.Runtime.InteropServices;

namespace Corpus63.IteratorFdatasyncOk;

internal static partial class SegmentNative
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fdatasync(int fd);
}

internal sealed class Checkpointer(IoRing ring, int[] segmentFds, int manifestFd)
{
    private static IEnumerable<int> OpenOnes(int[] fds)
    {
        foreach (int fd in fds)
        {
            if (fd >= 0)
            {
                yield return fd;
            }
        }
    }

    public async Task CheckpointAsync(ReadOnlyMemory<byte> manifest, CancellationToken ct)
    {
        int failures = 0;
        foreach (int fd in OpenOnes(segmentFds))
        {
            if (await SegmentNative.FdatasyncAsync(ring, fd, ct).ConfigureAwait(false) != 0)
            {
                failures++;
            }
        }

        if (failures != 0)
        {
            throw new IOException(failures + " segments failed to sync");
        }

        await ring.WriteAsync(manifestFd, manifest, 0, ct).ConfigureAwait(false);
    }
}
