using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Tasks.GroupCommitOk;

/// <summary>Group commit: one fdatasync per dirty segment, all started together; each ValueTask becomes a Task once.</summary>
internal sealed class GroupCommit(IoRing ring)
{
    public async Task CommitAsync(IReadOnlyList<int> dirtySegmentFds, CancellationToken cancellationToken)
    {
        var syncs = new ValueTask[dirtySegmentFds.Count];
        for (int i = 0; i < syncs.Length; i++)
        {
            syncs[i] = ring.FdatasyncAsync(dirtySegmentFds[i], cancellationToken);
        }

        Task[] all = syncs.Select(s => s.AsTask()).ToArray();   // converted once, then only the Tasks are looked at
        try
        {
            await Task.WhenAll(all);
        }
        catch (ErrnoException e)
        {
            int failed = all.Count(t => t.IsFaulted);
            throw new IOException($"group commit: {failed} of {syncs.Length} fdatasync calls failed", e);
        }
    }
}
