// The preview pane made right: on timeout it cancels and then waits for the read to finish (completed or cancelled)
// before the buffer goes back to the pool.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.InFlight.PreviewTimeoutWaits;

public sealed class PreviewPane(IoRing ring)
{
    public async Task<string?> LoadPreviewAsync(int fd)
    {
        byte[] page = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            using var cts = new CancellationTokenSource();
            Task<int> read = ring.ReadAsync(fd, page, 0, cts.Token).AsTask();
            if (await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(2))) != read)
            {
                cts.Cancel();
                try
                {
                    await read;
                }
                catch (OperationCanceledException)
                {
                }

                return null;
            }

            int n = await read;
            return System.Text.Encoding.UTF8.GetString(page, 0, n);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(page);
        }
    }
}
