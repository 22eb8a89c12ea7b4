using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Stack.NativeHeaderNativeName;

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
/// The same sender: the sockaddr is built on the stack and then copied into native memory the sender owns, which
/// is what msg_name points to. One send at a time.
/// </summary>
internal sealed unsafe class ClientSender : IDisposable
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly MsgHdr* _header;
    private readonly byte* _name;

    public ClientSender(IoRing ring, int fd, nint iov)
    {
        _ring = ring;
        _fd = fd;
        _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
        _name = (byte*)NativeMemory.AllocZeroed((nuint)16);
        _header->Iov = iov;
        _header->IovLength = 1;
        _header->Name = (nint)_name;
        _header->NameLength = 16;
    }

    public ValueTask<int> SendToAsync(uint ipv4, ushort port)
    {
        byte* address = stackalloc byte[16];
        new Span<byte>(address, 16).Clear();
        address[0] = 2;
        address[2] = (byte)(port >> 8);
        address[3] = (byte)port;
        *(uint*)(address + 4) = ipv4;
        Buffer.MemoryCopy(address, _name, 16, 16);
        return _ring.SubmitAsync(RingRequest.SendMsg(_fd, (nint)_header, 0));
    }

    public void Dispose()
    {
        NativeMemory.Free(_name);
        NativeMemory.Free(_header);
    }
}
