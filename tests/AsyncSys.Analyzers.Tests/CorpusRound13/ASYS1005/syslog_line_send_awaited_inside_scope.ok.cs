// The syslog forwarder of the .bad twin, made async: the local function's send is awaited inside the line's `using`
// scope, so the line goes back to the pool only after the datagram has been sent (or the send failed and completed).
using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round13.BuffersInFlight.SyslogLineAwaitedInScope;

internal sealed class FormattedLine : IDisposable
{
    private byte[]? _array;

    public FormattedLine(int capacity) => _array = ArrayPool<byte>.Shared.Rent(capacity);

    public int Length { get; private set; }

    public Memory<byte> Memory => _array.AsMemory(0, Length);

    public void Append(string text) => Length += Encoding.UTF8.GetBytes(text, _array.AsSpan(Length));

    public void Dispose()
    {
        if (_array is { } array)
        {
            _array = null;
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}

public sealed class SyslogForwarder(IoRing ring, int logSocket, int urgentSocket)
{
    public async ValueTask<int> LogAsync(int severity, string host, string message, CancellationToken cancellationToken)
    {
        using var line = new FormattedLine(64 + Encoding.UTF8.GetMaxByteCount(host.Length + message.Length));
        line.Append($"<{8 + severity}>1 {DateTimeOffset.UtcNow:O} {host} - - - - ");
        line.Append(message);
        return await Send(severity <= 2 ? urgentSocket : logSocket);

        ValueTask<int> Send(int socket) => ring.SendAsync(socket, line.Memory, MessageFlags.None, cancellationToken);
    }
}
