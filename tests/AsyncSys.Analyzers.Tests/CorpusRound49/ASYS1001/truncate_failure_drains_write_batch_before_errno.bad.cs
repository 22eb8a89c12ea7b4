// A preallocating segment writer keeps up to eight ring writes in flight over one pinned slab; when ftruncate fails it first drains the batch with Task.WhenAll and only then reads errno, which the awaits (and whatever ran on this thread meanwhile) have overwritten.
using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus49.SegmentPreallocBad;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    internal static partial int Ftruncate(int fd, long length);
}

internal sealed class SegmentWriter(IoRing ring, int fd)
{
    private const int SlotSize = 64 * 1024;
    private readonly byte[] _slab = GC.AllocateUninitializedArray<byte>(8 * SlotSize, pinned: true);

    public async Task WriteSegmentsAsync(int count, long segmentLength, CancellationToken ct)
    {
        var batch = new List<Task>(8);
        long offset = 0;
        for (int i = 0; i < count; i++)
        {
            if (Native.Ftruncate(fd, offset + segmentLength) < 0)
            {
                await Task.WhenAll(batch).ConfigureAwait(false);
                throw new IOException($"ftruncate failed, errno {/*~ASYS1001*/Marshal.GetLastPInvokeError()}");
            }

            int slot = i % 8;
            batch.Add(ring.WriteAsync(fd, _slab.AsMemory(slot * SlotSize, SlotSize), offset, ct).AsTask());
            offset += segmentLength;
            if (batch.Count == 8)
            {
                await Task.WhenAll(batch).ConfigureAwait(false);
                batch.Clear();
            }
        }

        await Task.WhenAll(batch).ConfigureAwait(false);
    }
}
