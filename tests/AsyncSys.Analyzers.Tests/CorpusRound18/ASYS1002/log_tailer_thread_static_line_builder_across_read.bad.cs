// A log tailer assembles lines that span two reads in a [ThreadStatic] StringBuilder (one per thread, to avoid
// allocating a builder per file). It takes the builder, appends the partial tail of one chunk, awaits the next pread
// and appends the rest. After the await it may run on another thread whose builder another tailer is filling at the
// same time: lines of two files are spliced together, or a half line is lost.
using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.PerThread.TailerLineBuilder;

public sealed class LineAssembler(IoRing ring, int fd)
{
    [ThreadStatic] private static StringBuilder? t_partial;

    public async Task<string?> NextLineAsync(byte[] chunk, long offset, CancellationToken ct)
    {
        StringBuilder partial = t_partial ??= new StringBuilder(256);
        partial.Clear();
        while (true)
        {
            int n = await ring.ReadAsync(fd, chunk, offset, ct);
            if (n <= 0)
            {
                return null;
            }

            offset += n;
            int newline = Array.IndexOf(chunk, (byte)'\n', 0, n);
            /*~ASYS1002*/partial.Append(Encoding.UTF8.GetString(chunk, 0, newline >= 0 ? newline : n));
            if (newline >= 0)
            {
                return partial.ToString();
            }
        }
    }
}
