// A feed handler reads hardware receive timestamps (SO_TIMESTAMPING) from recvmsg's control messages. The msghdr and
// its iovec live in native memory owned by the receiver, but the control buffer is carved with stackalloc in the
// method that posts the receive and returns its task without awaiting it. When the packet lands the kernel writes the
// cmsg into a frame that is gone: the timestamps read back are garbage and the bytes it wrote clobber whatever stack
// frame lives there by then (a corrupted return address in the feed loop).
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.StackMemory.RxTimestampControlStackalloc;

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVec
{
    public void* Base;
    public nuint Length;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MsgHdr
{
    public void* Name;
    public uint NameLength;
    public IoVec* Iov;
    public nuint IovLength;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}

public sealed unsafe class TimestampedReceiver : IDisposable
{
    private readonly IoRing _ring;
    private readonly int _socketFd;
    private readonly MsgHdr* _header;
    private readonly IoVec* _iov;
    private readonly byte* _payload;

    public TimestampedReceiver(IoRing ring, int socketFd)
    {
        _ring = ring;
        _socketFd = socketFd;
        _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
        _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)sizeof(IoVec));
        _payload = (byte*)NativeMemory.Alloc(2048);
    }

    public ValueTask<int> PostReceive(CancellationToken ct)
    {
        byte* control = stackalloc byte[128];
        _iov->Base = _payload;
        _iov->Length = 2048;
        _header->Iov = _iov;
        _header->IovLength = 1;
        _header->Control = control;
        _header->ControlLength = 128;
        return _ring.SubmitAsync(RingRequest.RecvMsg(_socketFd, /*~ASYS1004*/(nint)_header, MessageFlags.None), ct);
    }

    public void Dispose()
    {
        NativeMemory.Free(_header);
        NativeMemory.Free(_iov);
        NativeMemory.Free(_payload);
    }
}
