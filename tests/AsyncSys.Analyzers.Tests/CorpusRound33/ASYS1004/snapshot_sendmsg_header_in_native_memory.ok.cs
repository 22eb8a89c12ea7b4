// The snapshot sender made right: the msghdr and its iovec live in native memory the sender owns (one send in flight
// per sender, freed on Dispose), so they stay put until the kernel has read them.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.Stack.SendmsgHeaderNative;

[StructLayout(LayoutKind.Sequential)]
internal struct IoVec
{
    public nint Base;
    public nuint Length;
}

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

public sealed unsafe class SnapshotSender : IDisposable
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly MsgHdr* _header;
    private readonly IoVec* _iov;

    public SnapshotSender(IoRing ring, int fd, nint peerAddress, uint peerAddressLength)
    {
        _ring = ring;
        _fd = fd;
        _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
        _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)sizeof(IoVec));
        _header->Name = peerAddress;
        _header->NameLength = peerAddressLength;
        _header->Iov = (nint)_iov;
        _header->IovLength = 1;
    }

    // payload: native memory from the snapshot arena, alive until the next tick; one send at a time.
    public ValueTask<int> SendAsync(nint payload, int length, CancellationToken ct)
    {
        _iov->Base = payload;
        _iov->Length = (nuint)length;
        return _ring.SubmitAsync(RingRequest.SendMsg(_fd, (nint)_header, 0), ct);
    }

    public void Dispose()
    {
        NativeMemory.Free(_header);
        NativeMemory.Free(_iov);
    }
}
