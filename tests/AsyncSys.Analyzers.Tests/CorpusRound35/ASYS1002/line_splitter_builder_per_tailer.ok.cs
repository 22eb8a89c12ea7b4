// The tailer keeps its partial line in a StringBuilder of its own (one per file), so the thread it resumes on does not
// matter.
using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.ThreadState.LineSplitterPerTailer;

public sealed class FileTailer(IoRing ring, int fd, Action<string> emit)
{
    private readonly StringBuilder _partial = new(256);

    public async Task TailAsync(CancellationToken ct)
    {
        byte[] chunk = new byte[16 * 1024];
        long offset = 0;
        while (!ct.IsCancellationRequested)
        {
            int n = await ring.ReadAsync(fd, chunk, offset, ct);
            if (n <= 0)
            {
                break;
            }

            offset += n;
            Split(chunk.AsSpan(0, n), _partial, emit);
        }
    }

    private static void Split(ReadOnlySpan<byte> data, StringBuilder partial, Action<string> emit)
    {
        foreach (byte b in data)
        {
            if (b == (byte)'\n')
            {
                emit(partial.ToString());
                partial.Clear();
            }
            else
            {
                partial.Append((char)b);
            }
        }
    }
}
