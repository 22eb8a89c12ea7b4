using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round10.Stack.QuicGsoOk;

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

/// <summary>
/// A QUIC-like datagram sender batches packets of one connection into a single sendmsg with UDP_SEGMENT (GSO): the
/// kernel cuts the payload into segmentSize datagrams. The request is tagged with the connection (to cancel its
/// sends on close) and given a deadline. One burst per sender is in flight at a time (the connection awaits it);
/// header, iovec and cmsg live in one native block the sender owns until it is disposed.
/// </summary>
internal sealed unsafe class GsoSender : IDisposable
{
    private const int SOL_UDP = 17;
    private const int UDP_SEGMENT = 103;
    private const int ControlSpace = 24;   // CMSG_SPACE(sizeof(ushort))

    private readonly MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
    private readonly IoVec* _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)sizeof(IoVec));
    private readonly byte* _control = (byte*)NativeMemory.AllocZeroed(ControlSpace);

    public ValueTask<int> SendBurst(IoRing ring, int fd, byte* payload, int length, ushort segmentSize, object connection)
    {
        *(ulong*)_control = 18;                         // cmsg_len = CMSG_LEN(sizeof(ushort))
        *(int*)(_control + 8) = SOL_UDP;
        *(int*)(_control + 12) = UDP_SEGMENT;
        *(ushort*)(_control + 16) = segmentSize;

        _iov->Base = payload;
        _iov->Length = (nuint)length;
        _header->Iov = _iov;
        _header->IovLength = 1;
        _header->Control = _control;
        _header->ControlLength = ControlSpace;
        RingRequest request = RingRequest.SendMsg(fd, (nint)_header, MessageFlags.None)
            .WithTag(connection)
            .WithTimeout(TimeSpan.FromMilliseconds(50));
        return ring.SubmitAsync(request);
    }

    public void Dispose()
    {
        NativeMemory.Free(_header);
        NativeMemory.Free(_iov);
        NativeMemory.Free(_control);
    }
}
