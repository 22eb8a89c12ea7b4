// The line assembler made right: the builder belongs to the tailer of one file (an instance field), not to whichever
// thread runs it, so the pieces of a line stay together across the awaited reads.
using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.PerThread.TailerLineBuilderPerFile;

public sealed class LineAssembler(IoRing ring, int fd)
{
    private readonly StringBuilder _partial = new(256);

    public async Task<string?> NextLineAsync(byte[] chunk, long offset, CancellationToken ct)
    {
        _partial.Clear();
        while (true)
        {
            int n = await ring.ReadAsync(fd, chunk, offset, ct);
            if (n <= 0)
            {
                return null;
            }

            offset += n;
            int newline = Array.IndexOf(chunk, (byte)'\n', 0, n);
            _partial.Append(Encoding.UTF8.GetString(chunk, 0, newline >= 0 ? newline : n));
            if (newline >= 0)
            {
                return _partial.ToString();
            }
        }
    }
}
