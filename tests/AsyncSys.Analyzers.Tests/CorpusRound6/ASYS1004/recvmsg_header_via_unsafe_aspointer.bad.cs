using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Stack.RecvMsgAsPointer;

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
/// A datagram session of a game server: the payload and its iovec live in native memory owned by the session;
/// the msghdr is built per receive.
/// </summary>
internal sealed unsafe class DatagramSession : IDisposable
{
    private const int PayloadSize = 1500;
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly IoVec* _iov;
    private readonly byte* _payload;

    public DatagramSession(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
        _payload = (byte*)NativeMemory.Alloc((nuint)PayloadSize);
        _iov = (IoVec*)NativeMemory.Alloc((nuint)sizeof(IoVec));
        _iov->Base = (nint)_payload;
        _iov->Length = (nuint)PayloadSize;
    }

    public ValueTask<int> ReceiveOneAsync()
    {
        MsgHdr header = default;
        header.Iov = (nint)_iov;
        header.IovLength = 1;
        // The frame of this method is gone when it returns; the kernel writes msg_flags and reads msg_iov later.
        return _ring.SubmitAsync(RingRequest.RecvMsg(_fd, (nint)/*~ASYS1004*/Unsafe.AsPointer(ref header), 0));
    }

    public ReadOnlySpan<byte> Payload(int length) => new(_payload, length);

    public void Dispose()
    {
        NativeMemory.Free(_iov);
        NativeMemory.Free(_payload);
    }
}
