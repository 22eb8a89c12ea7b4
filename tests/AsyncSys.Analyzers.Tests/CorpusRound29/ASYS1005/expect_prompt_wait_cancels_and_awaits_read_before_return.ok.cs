// The same expect-like wait made right: the timeout cancels the read's own token, and the read is awaited (its
// cancellation observed) before the buffer goes back to the pool.
using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.InFlight.ExpectPromptCancelsRead;

public sealed class PromptWaiter(IoRing ring, int masterFd)
{
    public async Task<bool> WaitForPromptAsync(string prompt, TimeSpan timeout, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1024);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            int n = await ring.ReadAsync(masterFd, buffer, deadline.Token);
            return Encoding.UTF8.GetString(buffer, 0, n).TrimEnd().EndsWith(prompt, StringComparison.Ordinal);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
