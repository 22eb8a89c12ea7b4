// A snapshot sender keeps its msghdr and iovec in native memory but builds the client's sockaddr_in with stackalloc in a non-async method that submits RingRequest.SendMsg and returns the operation to the tick loop, which awaits it on the next tick; the address the header points at is gone when the method returns, while the kernel still reads it.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus53.SnapshotAddressBad;

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
        byte* address = stackalloc byte[16];
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
        return ring.SubmitAsync(RingRequest.SendMsg(socket, /*~ASYS1004*/(nint)_header, MessageFlags.None), CancellationToken.None);
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
