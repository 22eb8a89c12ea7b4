// Checksum verification overlapped with the disk write: the worker starts writing the received chunk and, while the
// write is in flight, feeds the same bytes to the range's SHA-256. Hashing only reads the buffer, as the write does;
// the buffer is reused only after the write is awaited.
using System;
using System.Security.Cryptography;
using System.Threading.Tasks;
using AsyncSys;

namespace Round25.InFlight.ChecksumWhileWriting;

public sealed class VerifyingWriter(IoRing ring, int fileFd)
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public async Task<int> WriteAndHashAsync(byte[] chunk, int length, long offset)
    {
        ValueTask write = ring.WriteAsync(fileFd, chunk.AsMemory(0, length), offset);
        _hash.AppendData(chunk, 0, length);
        await write;
        return length;
    }

    public byte[] Finish() => _hash.GetHashAndReset();
}
