// A REPL's line editor reads keys through the ring and, after each read, redraws the line with a synchronous helper that
// takes a [ThreadStatic] StringBuilder, fills it and turns it into a string before returning. The builder is taken on
// the thread that renders and never kept across an await; the line itself lives in a per-call List.
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.PerThread.LineEditorRendersInSyncHelper;

public sealed class LineEditor(IoRing ring, int ttyFd)
{
    [System.ThreadStatic]
    private static StringBuilder? t_render;

    public async Task<string> ReadLineAsync(string prompt, CancellationToken ct)
    {
        var line = new List<char>(128);
        byte[] keys = new byte[64];
        while (true)
        {
            int n = await ring.ReadAsync(ttyFd, keys, ct);
            if (n <= 0)
            {
                return new string(line.ToArray());
            }

            for (int i = 0; i < n; i++)
            {
                if (keys[i] == (byte)'\r')
                {
                    return new string(line.ToArray());
                }

                line.Add((char)keys[i]);
            }

            byte[] frame = Encoding.UTF8.GetBytes(Render(prompt, line));
            await ring.WriteAsync(ttyFd, frame, ct);
        }
    }

    private static string Render(string prompt, List<char> line)
    {
        StringBuilder sb = t_render ??= new StringBuilder(256);
        sb.Clear();
        sb.Append("\r\u001b[2K").Append(prompt);
        foreach (char c in line)
        {
            sb.Append(c);
        }

        return sb.ToString();
    }
}
