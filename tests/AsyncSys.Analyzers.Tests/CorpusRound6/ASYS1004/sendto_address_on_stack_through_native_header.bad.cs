using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Stack.NativeHeaderStackName;

[StructLayout(LayoutKind.Sequential)]
internal struct MsgHdr
{
    public nint Name;
    public int NameLength;
    public nint Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

/// <summary>
/// Sends a game-state datagram to one client. The msghdr is in native memory owned by the sender, but the client's
/// sockaddr it points to is built on the stack of the method that returns the pending send.
/// </summary>
internal sealed unsafe class ClientSender : IDisposable
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly MsgHdr* _header;

    public ClientSender(IoRing ring, int fd, nint iov)
    {
        _ring = ring;
        _fd = fd;
        _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
        _header->Iov = iov;
        _header->IovLength = 1;
    }

    public ValueTask<int> SendToAsync(uint ipv4, ushort port)
    {
        byte* address = stackalloc byte[16];
        new Span<byte>(address, 16).Clear();
        address[0] = 2;
        address[2] = (byte)(port >> 8);
        address[3] = (byte)port;
        *(uint*)(address + 4) = ipv4;
        _header->Name = (nint)address;
        _header->NameLength = 16;
        /*~ASYS1004*/return _ring.SubmitAsync(RingRequest.SendMsg(_fd, (nint)_header, 0));   // msg_name points into this frame
    }

    public void Dispose() => NativeMemory.Free(_header);
}
