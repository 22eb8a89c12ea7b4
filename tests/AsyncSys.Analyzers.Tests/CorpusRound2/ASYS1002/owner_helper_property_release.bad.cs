// A lock records its owner through a helper property returning the thread id; the release after an await passes the stale id.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class ThreadIdentity
{
    public static int Current => Thread.CurrentThread.ManagedThreadId;
}

internal sealed class OwnedGate
{
    private int _owner;

    public bool TryEnter(int owner) => Interlocked.CompareExchange(ref _owner, owner, 0) == 0;

    public void Exit(int owner)
    {
        if (Interlocked.CompareExchange(ref _owner, 0, owner) != owner)
        {
            throw new InvalidOperationException("not the owner");
        }
    }

    public async Task FlushAsync(IoRing ring, int fd)
    {
        int owner = ThreadIdentity.Current;
        if (!TryEnter(owner))
        {
            return;
        }

        await ring.FsyncAsync(fd).ConfigureAwait(false);
        Exit(/*~ASYS1002*/owner);
    }
}
