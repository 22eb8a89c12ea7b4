// A syslog forwarder formats an RFC 5424 line into a pooled FormattedLine (its Dispose gives the array back to
// ArrayPool) and sends it on a connected AF_UNIX datagram socket: /dev/log, or a second socket for urgent severities.
// The send is started by a local function that picks the socket, and its task is returned to the caller unawaited. The
// `using` declaration disposes the line as the method returns, while the send still reads its bytes: another message
// formatted into the same array overwrites this one in flight, and the log receives mixed or duplicated messages.
using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round13.BuffersInFlight.SyslogLineLocalFunctionSend;

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
    public ValueTask<int> LogAsync(int severity, string host, string message, CancellationToken cancellationToken)
    {
        /*~ASYS1005*/using var line = new FormattedLine(64 + Encoding.UTF8.GetMaxByteCount(host.Length + message.Length));
        line.Append($"<{8 + severity}>1 {DateTimeOffset.UtcNow:O} {host} - - - - ");
        line.Append(message);
        return Send(severity <= 2 ? urgentSocket : logSocket);

        ValueTask<int> Send(int socket) => ring.SendAsync(socket, line.Memory, MessageFlags.None, cancellationToken);
    }
}
