// A REPL starts reading the next key from the terminal, flushes the output of the last evaluation, and then takes the
// key read's Result, assuming the flush gave the user time to type. Nothing waited for the read: when no key has arrived
// yet, Result on the pending ValueTask is not a wait (AsyncSys's source throws or blocks), and the REPL crashes on an
// idle terminal.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.Observed.ReplKeyResultAfterFlush;

public sealed class Repl(IoRing ring, int ttyFd, Func<CancellationToken, Task> flushOutput)
{
    private readonly byte[] _keys = new byte[32];

    public async Task<int> NextKeysAsync(CancellationToken ct)
    {
        ValueTask<int> keys = ring.ReadAsync(ttyFd, _keys, ct);
        await flushOutput(ct);
        int n = /*~ASYS1006*/keys.Result;
        return n;
    }
}
