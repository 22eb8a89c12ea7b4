// A Raft node receives RequestVote datagrams with recvmsg; the msghdr is native memory the node owns, but msg_name points at a stackalloc'd sockaddr of this frame, and the ValueTask is returned.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Consensus.Election;

[StructLayout(LayoutKind.Sequential)]
public struct IoVec
{
    public nint Base;
    public nuint Length;
}

[StructLayout(LayoutKind.Sequential)]
public unsafe struct MsgHdr
{
    public nint Name;
    public uint NameLength;
    public IoVec* Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

public sealed unsafe class VoteListener : IDisposable
{
    private const int SockAddrIn6Size = 28;

    private readonly IoRing _ring;
    private readonly int _socket;
    private readonly MsgHdr* _header;
    private readonly IoVec* _iov;
    private readonly byte* _datagram;

    public VoteListener(IoRing ring, int socket)
    {
        _ring = ring;
        _socket = socket;
        _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
        _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)sizeof(IoVec));
        _datagram = (byte*)NativeMemory.AllocZeroed(512);
        _iov->Base = (nint)_datagram;
        _iov->Length = 512;
        _header->Iov = _iov;
        _header->IovLength = 1;
    }

    public ValueTask<int> ReceiveVoteRequestAsync(CancellationToken ct)
    {
        byte* peer = stackalloc byte[SockAddrIn6Size];
        _header->Name = (nint)peer;
        _header->NameLength = SockAddrIn6Size;
        return _ring.SubmitAsync(/*~ASYS1004*/RingRequest.RecvMsg(_socket, (nint)_header, 0), ct);
    }

    public void Dispose()
    {
        NativeMemory.Free(_datagram);
        NativeMemory.Free(_iov);
        NativeMemory.Free(_header);
    }
}
