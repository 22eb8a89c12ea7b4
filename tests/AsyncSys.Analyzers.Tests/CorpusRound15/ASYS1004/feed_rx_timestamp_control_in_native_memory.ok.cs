// Receive timestamps done right: the control buffer lives in native memory beside the msghdr, allocated once with the
// receiver and freed only on Dispose, so the kernel's cmsg lands in memory that outlives the posted receive.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.StackMemory.RxTimestampControlNative;

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
    private readonly byte* _control;

    public TimestampedReceiver(IoRing ring, int socketFd)
    {
        _ring = ring;
        _socketFd = socketFd;
        _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
        _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)sizeof(IoVec));
        _payload = (byte*)NativeMemory.Alloc(2048);
        _control = (byte*)NativeMemory.Alloc(128);
    }

    public ValueTask<int> PostReceive(CancellationToken ct)
    {
        _iov->Base = _payload;
        _iov->Length = 2048;
        _header->Iov = _iov;
        _header->IovLength = 1;
        _header->Control = _control;
        _header->ControlLength = 128;
        return _ring.SubmitAsync(RingRequest.RecvMsg(_socketFd, (nint)_header, MessageFlags.None), ct);
    }

    public void Dispose()
    {
        NativeMemory.Free(_header);
        NativeMemory.Free(_iov);
        NativeMemory.Free(_payload);
        NativeMemory.Free(_control);
    }
}
