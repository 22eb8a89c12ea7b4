// A REPL's line editor keeps a [ThreadStatic] StringBuilder so that rendering a line allocates nothing, takes it once
// before its key loop and appends every key read from the terminal through the ring. After the first await the loop
// runs on whatever thread completed the read: another REPL session on the thread it started on takes "its" builder too,
// and the two sessions' keystrokes end up interleaved in one line.
using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.PerThread.LineEditorThreadStaticBuilder;

public sealed class LineEditor(IoRing ring, int ttyFd)
{
    [System.ThreadStatic]
    private static StringBuilder? t_line;

    public async Task<string> ReadLineAsync(CancellationToken ct)
    {
        StringBuilder line = t_line ??= new StringBuilder(256);
        line.Clear();
        byte[] keys = new byte[64];
        while (true)
        {
            int n = await ring.ReadAsync(ttyFd, keys, ct);
            /*~ASYS1002*/line.Append(Encoding.Latin1.GetString(keys, 0, Math.Max(n, 0)));
            if (n <= 0 || keys[n - 1] == (byte)'\r')
            {
                return line.ToString().TrimEnd('\r');
            }
        }
    }
}
