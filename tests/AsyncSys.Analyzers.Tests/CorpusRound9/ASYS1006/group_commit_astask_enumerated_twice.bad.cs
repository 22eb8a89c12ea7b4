using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Tasks.GroupCommit;

/// <summary>Group commit: one fdatasync per dirty segment, all started together; a failure reports how many segments failed.</summary>
internal sealed class GroupCommit(IoRing ring)
{
    public async Task CommitAsync(IReadOnlyList<int> dirtySegmentFds, CancellationToken cancellationToken)
    {
        var syncs = new ValueTask[dirtySegmentFds.Count];
        for (int i = 0; i < syncs.Length; i++)
        {
            syncs[i] = ring.FdatasyncAsync(dirtySegmentFds[i], cancellationToken);
        }

        IEnumerable<Task> all = syncs.Select(s => s.AsTask());   // deferred: AsTask runs again on every enumeration
        try
        {
            await Task.WhenAll(all);
        }
        catch (ErrnoException e)
        {
            // enumerating 'all' again calls AsTask on ValueTasks WhenAll already consumed
            int failed = /*~ASYS1006*/all.Count(t => t.IsFaulted);
            throw new IOException($"group commit: {failed} of {syncs.Length} fdatasync calls failed", e);
        }
    }
}
