// A terminal runner interrupts the foreground program when the caller cancels: a registration on the token writes ^C
// (0x03) to the pty master through the ring. The lambda is an Action, so the write's ValueTask is dropped: a failure
// (EIO, the slave already closed) is never seen, and the pooled source behind the ValueTask is never given back.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.Observed.CancelSendsInterruptDropped;

public sealed class ForegroundRunner(IoRing ring, int masterFd)
{
    private static readonly byte[] s_interrupt = [0x03];

    public async Task<int> RunAsync(Func<CancellationToken, Task<int>> waitForExit, CancellationToken ct)
    {
        using CancellationTokenRegistration registration = ct.Register(() => /*~ASYS1006*/ring.WriteAsync(masterFd, s_interrupt));
        return await waitForExit(CancellationToken.None);
    }
}
