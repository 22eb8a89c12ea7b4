using System;
using System.Buffers.Binary;
using System.Net;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.Stack.CopiedSockaddr;

internal static class Connector
{
    private const ushort AF_INET = 2;

    public static ValueTask Connect(IoRing ring, int socket, IPAddress address, ushort port)
    {
        Span<byte> scratch = stackalloc byte[16];
        scratch.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(scratch, AF_INET);
        BinaryPrimitives.WriteUInt16BigEndian(scratch[2..], port);
        address.TryWriteBytes(scratch[4..8], out _);

        byte[] sockaddr = GC.AllocateArray<byte>(16, pinned: true);   // the connect gets heap memory of its own
        scratch.CopyTo(sockaddr);
        return ring.ConnectAsync(socket, sockaddr);
    }
}
