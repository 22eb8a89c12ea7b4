using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round7.Stack.KvReplicaConnectOk;

/// <summary>A key-value replica connects to its primary; the sockaddr_in is built on the stack, then copied to the heap.</summary>
internal sealed class PrimaryLink(IoRing ring)
{
    private const ushort AF_INET = 2;

    public ValueTask ConnectAsync(int socketFd, uint ipv4, ushort port, CancellationToken cancellationToken)
    {
        Span<byte> address = stackalloc byte[16];
        address.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(address, AF_INET);
        BinaryPrimitives.WriteUInt16BigEndian(address[2..], port);
        BinaryPrimitives.WriteUInt32BigEndian(address[4..], ipv4);
        byte[] onHeap = address.ToArray();   // the ring gets managed memory it pins for the whole connect
        return ring.ConnectAsync(socketFd, onHeap, cancellationToken);
    }
}
