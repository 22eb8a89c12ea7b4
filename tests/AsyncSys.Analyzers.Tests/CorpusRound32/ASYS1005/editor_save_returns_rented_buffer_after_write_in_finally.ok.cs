// The editor's Save made right: progress is reported while the write is in flight, and the buffer goes back to the pool
// in finally, after the write was awaited (or failed).
using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.InFlight.EditorSaveReturnsAfter;

public sealed class DocumentWriter(IoRing ring, IProgress<string> status)
{
    public async Task<int> SaveAsync(int fd, string text, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            int length = Encoding.UTF8.GetBytes(text, buffer);
            ValueTask write = ring.WriteAsync(fd, buffer.AsMemory(0, length), 0, ct);
            status.Report("Saving…");
            await write; return length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
