// The access log formats each line in a [ThreadStatic] StringBuilder, taken and filled only after the response's send has completed, on the thread that writes the line.
using System;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace AccessLogging;

internal sealed class LoggedResponder(IoRing ring, Action<string> writeLine)
{
    [ThreadStatic]
    private static StringBuilder? t_line;

    public async ValueTask SendAsync(int socket, string method, string path, int status, ReadOnlyMemory<byte> response, CancellationToken ct)
    {
        DateTime started = DateTime.UtcNow;
        int sent = await ring.SendAsync(socket, response, MessageFlags.NoSignal, ct);

        StringBuilder line = t_line ??= new StringBuilder(256);
        line.Clear()
            .Append(started.ToString("O", CultureInfo.InvariantCulture))
            .Append(' ').Append(method)
            .Append(' ').Append(path)
            .Append(' ').Append(status).Append(' ').Append(sent);
        writeLine(line.ToString());
    }
}
