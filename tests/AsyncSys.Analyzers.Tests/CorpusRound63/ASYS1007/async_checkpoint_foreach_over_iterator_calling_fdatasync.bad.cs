// An async checkpoint enumerates a synchronous iterator that yields, for each segment fd, the result of the blocking fdatasync wrapper. The foreach in the async method drives the iterator, so every MoveNext blocks the pool thread for one fdatasync; the wrapper has an awaitable variant.
using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using System.Runtime.InteropServices;

namespace Corpus63.IteratorFdatasyncBad;

internal static partial class SegmentNative
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fdatasync(int fd);
}

internal sealed class Checkpointer(IoRing ring, int[] segmentFds, int manifestFd)
{
    private static IEnumerable<int> SyncEach(int[] fds)
    {
        foreach (int fd in fds)
        {
            yield return SegmentNative.Fdatasync(fd);
        }
    }

    public async Task CheckpointAsync(ReadOnlyMemory<byte> manifest, CancellationToken ct)
    {
        int failures = 0;
        foreach (int rc in /*~ASYS1007*/SyncEach(segmentFds))
        {
            if (rc != 0)
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
