// A snapshot sender keeps its msghdr, iovec and the client's sockaddr_in in native memory that lives as long as the sender, so the SendMsg the tick loop awaits on the next tick reads memory that is still there.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus53.SnapshotAddressOk;

internal struct IoVec
{
    public nint Base;
    public nuint Length;
}

internal struct MsgHeader
{
    public nint Name;
    public int NameLength;
    public nint Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

internal sealed unsafe class SnapshotSender(IoRing ring, int socket)
{
    private readonly MsgHeader* _header = (MsgHeader*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHeader));
    private readonly IoVec* _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)sizeof(IoVec));
    private readonly byte* _address = (byte*)NativeMemory.AllocZeroed(16);
    private readonly byte* _payload = (byte*)NativeMemory.Alloc(1200);

    public ValueTask<int> StartSnapshot(uint clientIp, ushort clientPort, int length)
    {
        byte* address = _address;
        new Span<byte>(address, 16).Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(new Span<byte>(address, 2), 2);
        BinaryPrimitives.WriteUInt16BigEndian(new Span<byte>(address + 2, 2), clientPort);
        BinaryPrimitives.WriteUInt32BigEndian(new Span<byte>(address + 4, 4), clientIp);
        _iov->Base = (nint)_payload;
        _iov->Length = (nuint)length;
        _header->Name = (nint)address;
        _header->NameLength = 16;
        _header->Iov = (nint)_iov;
        _header->IovLength = 1;
        return ring.SubmitAsync(RingRequest.SendMsg(socket, (nint)_header, MessageFlags.None), CancellationToken.None);
    }
}

internal sealed class SnapshotTicker(SnapshotSender sender)
{
    private ValueTask<int> _previous;

    public async Task TickAsync(uint clientIp, ushort clientPort, int length)
    {
        await _previous.ConfigureAwait(false);
        _previous = sender.StartSnapshot(clientIp, clientPort, length);
    }
}
