// An encrypted write-ahead log seals each record with AesGcm into one record array the log owns and keeps the record's write in a field so the caller can go on; the next append writes its header and seals its record into that array first and awaits the previous write only after, so the cipher overwrites the bytes the kernel is still writing.
using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus55.SealedWalBad;

internal sealed class EncryptedWal(IoRing ring, int walFd, AesGcm aead)
{
    private const int MaxPayload = 8192;
    private const int Overhead = 4 + 12 + 16;

    private readonly byte[] _record = new byte[MaxPayload + Overhead];
    private Task _previousWrite = Task.CompletedTask;
    private long _offset;
    private ulong _sequence;

    public async Task AppendAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        int length = payload.Length + Overhead;
        /*~ASYS1005*/BinaryPrimitives.WriteInt32LittleEndian(_record, payload.Length);
        /*~ASYS1005*/BinaryPrimitives.WriteUInt64LittleEndian(_record.AsSpan(4, 8), ++_sequence);
        /*~ASYS1005*/aead.Encrypt(_record.AsSpan(4, 12), payload.Span, _record.AsSpan(16, payload.Length), _record.AsSpan(16 + payload.Length, 16), _record.AsSpan(0, 4));
        await _previousWrite.ConfigureAwait(false);
        _previousWrite = ring.WriteAsync(walFd, _record.AsMemory(0, length), _offset, ct).AsTask();
        _offset += length;
    }

    public Task FlushAsync() => _previousWrite;
}
