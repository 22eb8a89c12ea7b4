// A secure transport seals each record with AesGcm into a native block the connection owns, but builds the record header (length, nonce) and the tag on the stack, points the iovecs at them and returns the SendMsg operation; the method's frame is gone while the kernel still gathers the header and tag from it.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using AsyncSys;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus55.StackRecordHeaderBad;

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

internal sealed unsafe class SealedRecordWriter(IoRing ring, int socket, AesGcm aead) : IDisposable
{
    private const int MaxRecord = 16 * 1024;

    // The connection's own native memory: three iovecs, the msghdr and the cipher text of one record.
    private readonly byte* _block = (byte*)NativeMemory.AllocZeroed((nuint)(3 * sizeof(IoVec) + sizeof(MsgHeader) + MaxRecord));
    private ulong _sequence;

    public ValueTask<int> SendRecord(ReadOnlySpan<byte> plain)
    {
        IoVec* iov = (IoVec*)_block;
        MsgHeader* message = (MsgHeader*)(_block + 3 * sizeof(IoVec));
        byte* cipher = _block + 3 * sizeof(IoVec) + sizeof(MsgHeader);

        byte* header = stackalloc byte[16];
        byte* tag = stackalloc byte[16];
        BinaryPrimitives.WriteInt32BigEndian(new Span<byte>(header, 4), plain.Length);
        BinaryPrimitives.WriteUInt64BigEndian(new Span<byte>(header + 4, 8), _sequence++);
        BinaryPrimitives.WriteInt32BigEndian(new Span<byte>(header + 12, 4), 0);
        aead.Encrypt(new ReadOnlySpan<byte>(header + 4, 12), plain, new Span<byte>(cipher, plain.Length), new Span<byte>(tag, 16), new ReadOnlySpan<byte>(header, 4));

        iov[0] = new IoVec { Base = (nint)header, Length = 16 };
        iov[1] = new IoVec { Base = (nint)cipher, Length = (nuint)plain.Length };
        iov[2] = new IoVec { Base = (nint)tag, Length = 16 };
        *message = new MsgHeader { Iov = (nint)iov, IovLength = 3 };
        return ring.SubmitAsync(RingRequest.SendMsg(socket, /*~ASYS1004*/(nint)message, MessageFlags.None), CancellationToken.None);
    }

    public void Dispose() => NativeMemory.Free(_block);
}
