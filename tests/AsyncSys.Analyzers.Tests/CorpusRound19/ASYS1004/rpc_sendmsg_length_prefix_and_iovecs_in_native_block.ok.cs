// The same two-iovec RPC send with the length prefix and the iovecs in the connection's native block beside the
// msghdr, and the send awaited before the block is reused: nothing the kernel reads lives on the stack.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.StackMemory.RpcSendmsgNativeIovec;

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
internal struct Iovec
{
    public nint Base;
    public nuint Length;
}

public sealed unsafe class FrameSender : IDisposable
{
    private readonly MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
    private readonly Iovec* _iov = (Iovec*)NativeMemory.AllocZeroed((nuint)(2 * sizeof(Iovec)));
    private readonly byte* _prefix = (byte*)NativeMemory.AllocZeroed(4);

    /// <summary>Sends a payload that lives in native memory the caller keeps until the send completes.</summary>
    public ValueTask<int> SendFrameAsync(IoRing ring, int socketFd, nint payload, int length)
    {
        BinaryPrimitives.WriteInt32BigEndian(new Span<byte>(_prefix, 4), length);
        _iov[0] = new Iovec { Base = (nint)_prefix, Length = 4 };
        _iov[1] = new Iovec { Base = payload, Length = (nuint)length };
        _header->Iov = (nint)_iov;
        _header->IovLength = 2;
        return ring.SubmitAsync(RingRequest.SendMsg(socketFd, (nint)_header, MessageFlags.None));
    }

    public void Dispose()
    {
        NativeMemory.Free(_prefix);
        NativeMemory.Free(_iov);
        NativeMemory.Free(_header);
    }
}
