using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.PerThread.RecordWith;

public sealed record FlushContext(string Path, Thread? Owner = null);

internal sealed class Checkpointer(IoRing ring, FlushContext template)
{
    public async Task CheckpointAsync(int fd)
    {
        FlushContext context = template with { Owner = Thread.CurrentThread };
        context.Owner!.Priority = ThreadPriority.AboveNormal;   // finish the checkpoint quickly
        try
        {
            await ring.FsyncAsync(fd);
        }
        finally
        {
            /*~ASYS1002*/context.Owner.Priority = ThreadPriority.Normal;   // the first thread, which now runs someone else's work
        }
    }
}
