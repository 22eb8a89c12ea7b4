// A Raft leader's per-peer sender frames AppendEntries with sendmsg: the msghdr and its iovecs both live in native memory the sender owns, and the ValueTask is returned to the send loop.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Consensus.Transport;

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

public sealed unsafe class PeerSender : IDisposable
{
    private readonly IoRing _ring;
    private readonly int _socket;
    private readonly IoVec* _iov;
    private readonly MsgHdr* _message;

    public PeerSender(IoRing ring, int socket)
    {
        _ring = ring;
        _socket = socket;
        _iov = (IoVec*)NativeMemory.AllocZeroed(2, (nuint)sizeof(IoVec));
        _message = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
    }

    // header and entries: native buffers the send loop owns until the send completes.
    public ValueTask<int> SendEntriesAsync(byte* header, int headerLength, byte* entries, int entriesLength, CancellationToken ct)
    {
        _iov[0] = new IoVec { Base = (nint)header, Length = (nuint)headerLength };
        _iov[1] = new IoVec { Base = (nint)entries, Length = (nuint)entriesLength };
        *_message = default;
        _message->Iov = _iov;
        _message->IovLength = 2;
        return _ring.SubmitAsync(RingRequest.SendMsg(_socket, (nint)_message, 0), ct);
    }

    public void Dispose()
    {
        NativeMemory.Free(_message);
        NativeMemory.Free(_iov);
    }
}
