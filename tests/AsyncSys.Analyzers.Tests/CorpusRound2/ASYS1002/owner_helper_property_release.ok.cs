// The gate records an owner token made per call, which stays valid on any thread.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal sealed class OwnedGate
{
    private static int s_nextToken;
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
        int owner = Interlocked.Increment(ref s_nextToken);
        if (!TryEnter(owner))
        {
            return;
        }

        await ring.FsyncAsync(fd).ConfigureAwait(false);
        Exit(owner);
    }
}
