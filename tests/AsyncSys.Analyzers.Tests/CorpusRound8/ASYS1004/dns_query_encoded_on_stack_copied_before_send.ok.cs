using System;
using System.Buffers.Binary;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round8.Stack.DnsEncodeOk;

/// <summary>A DNS-over-UDP client on a connected socket: the query is encoded on the stack, then copied to the heap.</summary>
internal sealed class DnsSender(IoRing ring, int socketFd)
{
    public ValueTask<int> SendQueryAsync(ushort id, string name, CancellationToken cancellationToken)
    {
        Span<byte> packet = stackalloc byte[512];
        BinaryPrimitives.WriteUInt16BigEndian(packet, id);
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], 0x0100);   // recursion desired
        BinaryPrimitives.WriteUInt16BigEndian(packet[4..], 1);        // one question
        packet[6..12].Clear();
        int at = 12;
        foreach (string label in name.Split('.'))
        {
            packet[at++] = (byte)label.Length;
            at += Encoding.ASCII.GetBytes(label, packet[at..]);
        }

        packet[at++] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(packet[at..], 0x0001_0001);   // type A, class IN
        at += 4;

        byte[] wire = packet[..at].ToArray();   // the operation gets heap memory it keeps alive
        return ring.SendAsync(socketFd, wire, MessageFlags.None, cancellationToken);
    }
}
