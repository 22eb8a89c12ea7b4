// An RTP sender gathers each packet from a 12-byte RTP header and the payload with sendmsg. The msghdr and its two-entry
// iovec live in native memory the sender owns, but the header is built in stackalloc memory of the method that submits
// the sendmsg and returns its task. The frame is gone before the kernel gathers the iovec: the packets go out with
// whatever the next calls left on the stack as RTP header (wrong SSRC and sequence numbers; receivers drop them).
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.StackMemory.RtpHeaderOnStack;

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

public sealed unsafe class RtpGatherSender : IDisposable
{
    private readonly IoRing _ring;
    private readonly int _socket;
    private readonly uint _ssrc;
    private readonly MsgHdr* _header;
    private readonly IoVec* _iov;

    public RtpGatherSender(IoRing ring, int socket, uint ssrc)
    {
        _ring = ring;
        _socket = socket;
        _ssrc = ssrc;
        _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
        _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)(2 * sizeof(IoVec)));
        _header->Iov = (nint)_iov;
        _header->IovLength = 2;
    }

    // payload: pinned native memory owned by the caller until the task completes
    public ValueTask<int> SendPacket(ushort sequence, uint timestamp, nint payload, int payloadLength, CancellationToken ct)
    {
        byte* rtp = stackalloc byte[12];
        var header = new Span<byte>(rtp, 12);
        header[0] = 0x80;
        header[1] = 96;
        BinaryPrimitives.WriteUInt16BigEndian(header.Slice(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(header.Slice(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(header.Slice(8), _ssrc);

        _iov[0].Base = (nint)rtp;
        _iov[0].Length = 12;
        _iov[1].Base = payload;
        _iov[1].Length = (nuint)payloadLength;
        return _ring.SubmitAsync(RingRequest.SendMsg(_socket, /*~ASYS1004*/(nint)_header, 0), ct);
    }

    public void Dispose()
    {
        NativeMemory.Free(_iov);
        NativeMemory.Free(_header);
    }
}
