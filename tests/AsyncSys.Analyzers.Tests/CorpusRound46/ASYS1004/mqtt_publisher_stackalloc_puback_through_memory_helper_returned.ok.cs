// An MQTT publisher builds PUBACK in a fresh array and returns the task of its SendFrame helper, which hands the array's memory to the send: the send keeps the array alive.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus46.MqttPubAckOk;

internal sealed class MqttPublisher(IoRing ring, int socket)
{
    private ValueTask<int> SendFrame(ReadOnlyMemory<byte> frame, CancellationToken ct) =>
        ring.SendAsync(socket, frame, MessageFlags.None, ct);

    public ValueTask<int> SendPubAckAsync(ushort packetId, CancellationToken ct)
    {
        byte[] ack = new byte[4];
        ack[0] = 0x40;
        ack[1] = 0x02;
        ack[2] = (byte)(packetId >> 8);
        ack[3] = (byte)packetId;
        return SendFrame(ack, ct);
    }
}
