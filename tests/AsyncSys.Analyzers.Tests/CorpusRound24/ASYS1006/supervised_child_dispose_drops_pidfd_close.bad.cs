// A supervised child's handle closes its pidfd in Dispose with the ring's close and drops the ValueTask. The close
// may still be queued when the supervisor opens the next child's pidfd, an EBADF from a double close is never seen,
// and a later number reuse closes a descriptor that belongs to someone else.
using System;
using AsyncSys;

namespace Round24.ValueTasks.ChildDisposeDropsClose;

public sealed class SupervisedChild(IoRing ring, int pid, int pidfd) : IDisposable
{
    public int Pid => pid;

    public void Dispose() => /*~ASYS1006*/ring.CloseAsync(pidfd);
}
