// A line editor echoes each edit by writing a redraw frame (clear line, prompt, text, cursor move) to the terminal, and
// to overlap work it starts the write, then renders the next frame into the same array with a helper before awaiting
// the echo. On a slow terminal (a serial console, an SSH session) the write copies the frame after the helper has
// rewritten it: the user sees half of one redraw and half of the next.
using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.InFlight.LineEditorRedrawWhileEchoing;

public sealed class LineEditor(IoRing ring, int ttyFd)
{
    private readonly byte[] _frame = new byte[1024];

    public async Task EchoEditsAsync(string prompt, string[] states, CancellationToken ct)
    {
        int n = Redraw(_frame, prompt, states[0]);
        for (int i = 1; i < states.Length; i++)
        {
            ValueTask echo = ring.WriteAsync(ttyFd, _frame.AsMemory(0, n), ct);
            /*~ASYS1005*/n = Redraw(_frame, prompt, states[i]);
            await echo;
        }

        await ring.WriteAsync(ttyFd, _frame.AsMemory(0, n), ct);
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
