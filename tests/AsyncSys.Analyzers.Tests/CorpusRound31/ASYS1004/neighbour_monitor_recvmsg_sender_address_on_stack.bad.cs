// A neighbour-table monitor receives rtnetlink notifications with recvmsg on the ring and checks the sender's
// sockaddr_nl (nl_pid must be 0, the kernel) to drop spoofed messages. The msghdr, iovec and buffer are native memory,
// but the sender address is a local whose address is stored in msg_name before the method returns the ring's task:
// the kernel writes the sender into a dead frame, over whatever the caller keeps there now.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.StackMemory.NeighbourMonitorSenderOnStack;

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

[StructLayout(LayoutKind.Sequential)]
internal struct SockaddrNl
{
    public ushort Family;
    public ushort Padding;
    public uint PortId;
    public uint Groups;
}

public sealed unsafe class NeighbourMonitor : IDisposable
{
    private const int BufferSize = 32768;
    private readonly MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
    private readonly IoVec* _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)sizeof(IoVec));
    private readonly byte* _buffer = (byte*)NativeMemory.Alloc(BufferSize);

    public ValueTask<int> ReceiveAsync(IoRing ring, int netlinkFd, CancellationToken ct)
    {
        SockaddrNl sender = default;
        _iov->Base = (nint)_buffer;
        _iov->Length = BufferSize;
        _header->Name = (nint)(&sender);
        _header->NameLength = (uint)sizeof(SockaddrNl);
        _header->Iov = (nint)_iov;
        _header->IovLength = 1;
        return /*~ASYS1004*/ring.SubmitAsync(RingRequest.RecvMsg(netlinkFd, (nint)_header, 0), ct);
    }

    public void Dispose()
    {
        NativeMemory.Free(_header);
        NativeMemory.Free(_iov);
        NativeMemory.Free(_buffer);
    }
}
