// The RTP gather sender made right: the 12-byte RTP header lives in native memory the sender owns next to the msghdr
// and iovec (one packet in flight at a time: the pacer awaits each send before preparing the next); nothing on the stack
// is handed to the kernel.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.StackMemory.RtpHeaderNative;

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
    private readonly byte* _rtp;

    public RtpGatherSender(IoRing ring, int socket, uint ssrc)
    {
        _ring = ring;
        _socket = socket;
        _ssrc = ssrc;
        _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
        _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)(2 * sizeof(IoVec)));
        _rtp = (byte*)NativeMemory.AllocZeroed(12);
        _header->Iov = (nint)_iov;
        _header->IovLength = 2;
    }

    // payload: pinned native memory owned by the caller until the returned task completes
    public ValueTask<int> SendPacket(ushort sequence, uint timestamp, nint payload, int payloadLength, CancellationToken ct)
    {
        Prepare(sequence, timestamp, payload, payloadLength);
        return _ring.SubmitAsync(RingRequest.SendMsg(_socket, (nint)_header, 0), ct);
    }

    private void Prepare(ushort sequence, uint timestamp, nint payload, int payloadLength)
    {
        var header = new Span<byte>(_rtp, 12);
        header[0] = 0x80;
        header[1] = 96;
        BinaryPrimitives.WriteUInt16BigEndian(header.Slice(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(header.Slice(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(header.Slice(8), _ssrc);
        _iov[0].Base = (nint)_rtp;
        _iov[0].Length = 12;
        _iov[1].Base = payload;
        _iov[1].Length = (nuint)payloadLength;
    }

    public void Dispose()
    {
        NativeMemory.Free(_rtp);
        NativeMemory.Free(_iov);
        NativeMemory.Free(_header);
    }
}
