// A journal reader waits for a pread through `read.AsTask().WaitAsync(timeout, ct)` and, on timeout, cancels it and awaits the ValueTask `read` itself to be sure the buffer is free; but AsTask() already consumed that ValueTask, and awaiting it a second time is undefined for a pooled source (it may belong to another operation by then).
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.JournalWaitTwiceBad;

internal sealed class JournalReader(IoRing ring, int fd)
{
    private readonly byte[] _record = new byte[4096];

    public async Task<int> ReadRecordAsync(long offset, TimeSpan timeout, CancellationToken ct)
    {
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(ct);
        ValueTask<int> read = ring.ReadAsync(fd, _record, offset, abort.Token);
        try
        {
            return await read.AsTask().WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            abort.Cancel();
            try
            {
                await /*~ASYS1006*/read.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            return -1;
        }
    }
}
