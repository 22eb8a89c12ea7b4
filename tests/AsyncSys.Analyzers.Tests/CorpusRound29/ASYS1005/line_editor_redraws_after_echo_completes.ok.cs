// The same line editor made right: each echo is awaited before the next frame is rendered into the array, so a slow
// terminal only slows the redraws down; it never sees a frame rewritten under its write.
using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.InFlight.LineEditorRedrawAfterEcho;

public sealed class LineEditor(IoRing ring, int ttyFd)
{
    private readonly byte[] _frame = new byte[1024];

    public async Task EchoEditsAsync(string prompt, string[] states, CancellationToken ct)
    {
        foreach (string state in states)
        {
            int n = Redraw(_frame, prompt, state);
            await ring.WriteAsync(ttyFd, _frame.AsMemory(0, n), ct);
        }
    }

    private static int Redraw(byte[] into, string prompt, string text)
    {
        into[0] = (byte)'\r';
        into[1] = 0x1b;
        into[2] = (byte)'[';
        into[3] = (byte)'K';
        int written = 4 + Encoding.UTF8.GetBytes(prompt, 0, prompt.Length, into, 4);
        written += Encoding.UTF8.GetBytes(text, 0, text.Length, into, written);
        return written;
    }
}
