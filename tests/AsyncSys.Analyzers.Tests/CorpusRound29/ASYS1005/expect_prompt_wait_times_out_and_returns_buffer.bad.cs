// An expect-like automation tool waits for a shell prompt on the pty master with a timeout: it reads into a pooled
// buffer and awaits the read through WaitAsync(timeout). When the prompt does not come in time WaitAsync throws a
// TimeoutException while the read is still pending, and the finally returns the buffer to the pool: when the shell
// finally prints, the kernel writes into an array another caller has rented.
using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.InFlight.ExpectPromptTimeout;

public sealed class PromptWaiter(IoRing ring, int masterFd)
{
    public async Task<bool> WaitForPromptAsync(string prompt, TimeSpan timeout, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            Task<int> read = ring.ReadAsync(masterFd, buffer, ct).AsTask();
            int n = await read.WaitAsync(timeout, ct);
            return Encoding.UTF8.GetString(buffer, 0, n).TrimEnd().EndsWith(prompt, StringComparison.Ordinal);
        }
        finally
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
