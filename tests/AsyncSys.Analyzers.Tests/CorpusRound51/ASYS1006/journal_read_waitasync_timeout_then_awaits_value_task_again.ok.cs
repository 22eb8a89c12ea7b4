// A journal reader turns the pread's ValueTask into a Task once, waits for it through `WaitAsync(timeout, ct)` and, on timeout, cancels it and awaits that same Task (suppressing its outcome) to be sure the buffer is free.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.JournalWaitTwiceOk;

internal sealed class JournalReader(IoRing ring, int fd)
{
    private readonly byte[] _record = new byte[4096];

    public async Task<int> ReadRecordAsync(long offset, TimeSpan timeout, CancellationToken ct)
    {
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<int> read = ring.ReadAsync(fd, _record, offset, abort.Token).AsTask();
        try
        {
            return await read.WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            abort.Cancel();
            await ((Task)read).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return -1;
        }
    }
}
