// The supervised child made right: it is IAsyncDisposable and awaits the pidfd's close, so errors surface and the
// descriptor is gone before the caller moves on.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.ValueTasks.ChildAsyncDispose;

public sealed class SupervisedChild(IoRing ring, int pid, int pidfd) : IAsyncDisposable
{
    public int Pid => pid;

    public async ValueTask DisposeAsync() => await ring.CloseAsync(pidfd);
}
