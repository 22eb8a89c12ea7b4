// A preview pane reads the first page of a file on a slow network mount with a timeout: if the read loses the race
// against Task.Delay it cancels the token and returns the rented buffer at once. Cancelling only asks; the read may
// still complete into the array, which the pool has already handed to the next preview.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.InFlight.PreviewTimeoutReturnsBuffer;

public sealed class PreviewPane(IoRing ring)
{
    public async Task<string?> LoadPreviewAsync(int fd)
    {
        byte[] page = ArrayPool<byte>.Shared.Rent(4096);
        using var cts = new CancellationTokenSource();
        Task<int> read = ring.ReadAsync(fd, page, 0, cts.Token).AsTask();
        if (await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(2))) != read)
        {
            cts.Cancel();
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(page);
            return null;
        }

        int n = await read;
        string text = System.Text.Encoding.UTF8.GetString(page, 0, n);
        ArrayPool<byte>.Shared.Return(page);
        return text;
    }
}
