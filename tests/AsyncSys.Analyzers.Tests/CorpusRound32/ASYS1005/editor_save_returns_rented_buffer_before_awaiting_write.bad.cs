// An editor's Save encodes the document into a rented buffer, starts the write, reports progress to the status bar and
// gives the buffer back to the pool before awaiting the write. Another save (or the syntax highlighter) rents the same
// array and overwrites it while the kernel is still copying it: the file on disk mixes two documents.
using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.InFlight.EditorSaveReturnsEarly;

public sealed class DocumentWriter(IoRing ring, IProgress<string> status)
{
    public async Task<int> SaveAsync(int fd, string text, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        int length = Encoding.UTF8.GetBytes(text, buffer);
        ValueTask write = ring.WriteAsync(fd, buffer.AsMemory(0, length), 0, ct);
        status.Report("Saving…");
        /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);
        await write; return length;
    }
}
