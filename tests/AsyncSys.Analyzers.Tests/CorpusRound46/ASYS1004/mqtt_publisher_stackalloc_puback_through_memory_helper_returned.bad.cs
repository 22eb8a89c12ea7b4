// An MQTT publisher builds PUBACK in a stackalloc'd buffer, wraps it in a pointer MemoryManager and returns the task of its SendFrame helper, which hands the memory to the send: the send outlives the frame.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus46.MqttPubAckBad;

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

internal sealed unsafe class MqttPublisher(IoRing ring, int socket)
{
    private ValueTask<int> SendFrame(ReadOnlyMemory<byte> frame, CancellationToken ct) =>
        ring.SendAsync(socket, frame, MessageFlags.None, ct);

    public ValueTask<int> SendPubAckAsync(ushort packetId, CancellationToken ct)
    {
        byte* ack = stackalloc byte[4];
        ack[0] = 0x40;
        ack[1] = 0x02;
        ack[2] = (byte)(packetId >> 8);
        ack[3] = (byte)packetId;
        var frame = new UnmanagedFrame(ack, 4);
        return SendFrame(/*~ASYS1004*/frame.Memory, ct);
    }
}
