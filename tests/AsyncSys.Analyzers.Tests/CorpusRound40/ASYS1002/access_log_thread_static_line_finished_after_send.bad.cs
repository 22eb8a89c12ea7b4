// The access log formats each line in a [ThreadStatic] StringBuilder: the request part is appended before the response is sent, and the status and size after the send's await.
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
        StringBuilder line = t_line ??= new StringBuilder(256);
        line.Clear()
            .Append(DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture))
            .Append(' ').Append(method)
            .Append(' ').Append(path);

        int sent = await ring.SendAsync(socket, response, MessageFlags.NoSignal, ct);

        /*~ASYS1002*/line.Append(' ').Append(status).Append(' ').Append(sent);
        writeLine(line.ToString());
    }
}
