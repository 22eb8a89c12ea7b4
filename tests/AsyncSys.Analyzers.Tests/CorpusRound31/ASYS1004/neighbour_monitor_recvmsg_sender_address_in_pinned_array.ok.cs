// The neighbour monitor made right: the sender's sockaddr_nl goes into an array on the pinned object heap, held by a
// readonly field set only to that array, so the address stored in msg_name stays valid while recvmsg is in flight
// (the monitor reads the sender from the array after awaiting the receive).
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.StackMemory.NeighbourMonitorSenderPinned;

[StructLayout(LayoutKind.Sequential)]
internal struct MsgHdr
{
    public nint Name;
    public uint NameLength;
    public nint Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

[StructLayout(LayoutKind.Sequential)]
internal struct IoVec
{
    public nint Base;
    public nuint Length;
}

public sealed unsafe class NeighbourMonitor : IDisposable
{
    private const int BufferSize = 32768, SockaddrNlSize = 12;
    private readonly MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
    private readonly IoVec* _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)sizeof(IoVec));
    private readonly byte* _buffer = (byte*)NativeMemory.Alloc(BufferSize);
    private readonly byte[] _sender = GC.AllocateArray<byte>(SockaddrNlSize, pinned: true);

    public uint LastSenderPortId => BitConverter.ToUInt32(_sender, 4);

    public ValueTask<int> ReceiveAsync(IoRing ring, int netlinkFd, CancellationToken ct)
    {
        _iov->Base = (nint)_buffer;
        _iov->Length = BufferSize;
        fixed (byte* sender = _sender)
        {
            _header->Name = (nint)sender;
        }

        _header->NameLength = SockaddrNlSize;
        _header->Iov = (nint)_iov;
        _header->IovLength = 1;
        return ring.SubmitAsync(RingRequest.RecvMsg(netlinkFd, (nint)_header, 0), ct);
    }

    public void Dispose()
    {
        NativeMemory.Free(_header);
        NativeMemory.Free(_iov);
        NativeMemory.Free(_buffer);
    }
}
