// An expect-like wait for a prompt with a timeout through WaitAsync: on TimeoutException it cancels the read's token and
// awaits the read (observing its cancellation) inside the catch, before rethrowing; the finally that returns the pooled
// buffer runs only after the read has ended on every path.
using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.InFlight.ExpectPromptTimeoutAwaitsInCatch;

public sealed class PromptWaiter(IoRing ring, int masterFd)
{
    public async Task<bool> WaitForPromptAsync(string prompt, TimeSpan timeout, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1024);
        using var readCancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            Task<int> read = ring.ReadAsync(masterFd, buffer, readCancel.Token).AsTask();
            int n;
            try
            {
                n = await read.WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                readCancel.Cancel();
                try
                {
                    await read;
                }
                catch (OperationCanceledException)
                {
                }

                return false;
            }

            return Encoding.UTF8.GetString(buffer, 0, n).TrimEnd().EndsWith(prompt, StringComparison.Ordinal);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
