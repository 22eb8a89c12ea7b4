using System;
using System.Diagnostics;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.Observed.EventHandlerTcs;

internal sealed class ChildOutput
{
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ChildOutput(IoRing ring, Process child, int readFd)
    {
        child.EnableRaisingEvents = true;
        child.Exited += async (_, _) =>
        {
            try
            {
                await ring.CloseAsync(readFd);
                _closed.TrySetResult();
            }
            catch (Exception e)
            {
                _closed.TrySetException(e);   // the close's failure reaches whoever awaits Closed
            }
        };
    }

    public Task Closed => _closed.Task;
}
