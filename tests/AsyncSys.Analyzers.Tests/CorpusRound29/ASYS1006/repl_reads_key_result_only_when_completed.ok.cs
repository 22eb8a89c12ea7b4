// The same REPL made right: after the flush it takes the key read's Result only when the read has completed
// successfully, and awaits it otherwise.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.Observed.ReplKeyResultWhenCompleted;

public sealed class Repl(IoRing ring, int ttyFd, Func<CancellationToken, Task> flushOutput)
{
    private readonly byte[] _keys = new byte[32];

    public async Task<int> NextKeysAsync(CancellationToken ct)
    {
        ValueTask<int> keys = ring.ReadAsync(ttyFd, _keys, ct);
        await flushOutput(ct);
        int n = keys.IsCompletedSuccessfully ? keys.Result : await keys;
        return n;
    }
}
