// An MQTT keep-alive sender builds PINGREQ in a stackalloc'd buffer inside a switch section, wraps it in a pointer MemoryManager and returns the send's task.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus45.MqttKeepAliveBad;

internal enum ControlPacket { PingRequest, Disconnect }

internal sealed unsafe class UnmanagedFrame : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public UnmanagedFrame(byte* pointer, int length)
    {
        _pointer = pointer;
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

internal sealed unsafe class MqttControlSender(IoRing ring, int socket)
{
    private static readonly byte[] PingFrame = { 0xC0, 0x00 };
    private static readonly byte[] DisconnectFrame = { 0xE0, 0x00 };

    public ValueTask<int> SendAsync(ControlPacket packet, CancellationToken ct)
    {
        switch (packet)
        {
            case ControlPacket.PingRequest:
                byte* ping = stackalloc byte[2];
                ping[0] = 0xC0;
                ping[1] = 0x00;
                var frame = new UnmanagedFrame(ping, 2);
                return ring.SendAsync(socket, /*~ASYS1004*/frame.Memory, MessageFlags.None, ct);
            case ControlPacket.Disconnect:
                return ring.SendAsync(socket, DisconnectFrame, MessageFlags.None, ct);
            default:
                throw new ArgumentOutOfRangeException(nameof(packet));
        }
    }
}
