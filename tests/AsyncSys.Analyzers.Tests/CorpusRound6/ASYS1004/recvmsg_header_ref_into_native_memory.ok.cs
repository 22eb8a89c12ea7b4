using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Stack.RecvMsgNativeRef;

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
    public int NameLength;
    public nint Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

/// <summary>
/// The same session with the msghdr in native memory owned by the session: the ref and the pointer taken from
/// it point into that block, not into the stack. One receive at a time (the session awaits each before the next).
/// </summary>
internal sealed unsafe class DatagramSession : IDisposable
{
    private const int PayloadSize = 1500;
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly IoVec* _iov;
    private readonly byte* _payload;
    private readonly void* _headerBlock;

    public DatagramSession(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
        _payload = (byte*)NativeMemory.Alloc((nuint)PayloadSize);
        _iov = (IoVec*)NativeMemory.Alloc((nuint)sizeof(IoVec));
        _iov->Base = (nint)_payload;
        _iov->Length = (nuint)PayloadSize;
        _headerBlock = NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
    }

    public ValueTask<int> ReceiveOneAsync()
    {
        ref MsgHdr header = ref Unsafe.AsRef<MsgHdr>(_headerBlock);
        header = default;
        header.Iov = (nint)_iov;
        header.IovLength = 1;
        return _ring.SubmitAsync(RingRequest.RecvMsg(_fd, (nint)Unsafe.AsPointer(ref header), 0));
    }

    public ReadOnlySpan<byte> Payload(int length) => new(_payload, length);

    public void Dispose()
    {
        NativeMemory.Free(_headerBlock);
        NativeMemory.Free(_iov);
        NativeMemory.Free(_payload);
    }
}
