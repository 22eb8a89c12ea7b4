// A tailer keeps the partial last line of each read in a per-thread StringBuilder (ThreadLocal) taken once before its
// read loop. After the first await the loop runs on other pool threads, where other tailers take the same builder as
// "theirs": partial lines of two files are glued together and shipped as one record.
using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.ThreadState.LineSplitterThreadLocal;

public sealed class FileTailer(IoRing ring, int fd, Action<string> emit)
{
    private static readonly ThreadLocal<StringBuilder> s_partial = new(() => new StringBuilder(256));

    public async Task TailAsync(CancellationToken ct)
    {
        byte[] chunk = new byte[16 * 1024];
        long offset = 0;
        StringBuilder partial = s_partial.Value!;
        while (!ct.IsCancellationRequested)
        {
            int n = await ring.ReadAsync(fd, chunk, offset, ct);
            if (n <= 0)
            {
                break;
            }

            offset += n;
            Split(chunk.AsSpan(0, n), /*~ASYS1002*/partial, emit);
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
