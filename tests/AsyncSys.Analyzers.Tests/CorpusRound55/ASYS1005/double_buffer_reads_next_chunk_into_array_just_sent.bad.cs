// A file encryptor double-buffers: it reads a chunk, encrypts it in place with ChaCha20Poly1305, swaps the two arrays and starts the write of the sealed chunk; but it reads the next chunk into `front` (the array whose write was just started) and swaps back after the read, so the read fills the array the kernel is still copying out, and the next pass encrypts in place in that same array before awaiting its write.
using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus55.DoubleBufferSwapBad;

internal sealed class FileEncryptor(IoRing ring, ChaCha20Poly1305 cipher)
{
    private const int ChunkSize = 64 * 1024;
    private const int TagSize = 16;

    public async Task EncryptAsync(int sourceFd, int targetFd, CancellationToken ct)
    {
        byte[] front = new byte[ChunkSize + TagSize];
        byte[] back = new byte[ChunkSize + TagSize];
        byte[] nonce = new byte[12];
        long readOffset = 0;
        long writeOffset = 0;
        ValueTask pending = ValueTask.CompletedTask;

        int n = await ring.ReadAsync(sourceFd, back.AsMemory(0, ChunkSize), readOffset, ct).ConfigureAwait(false);
        for (ulong sequence = 0; n > 0; sequence++)
        {
            readOffset += n;
            BinaryPrimitives.WriteUInt64LittleEndian(nonce, sequence);
            /*~ASYS1005*/cipher.Encrypt(nonce, back.AsSpan(0, n), back.AsSpan(0, n), back.AsSpan(n, TagSize));
            await pending.ConfigureAwait(false);
            (front, back) = (back, front);
            pending = ring.WriteAsync(targetFd, front.AsMemory(0, n + TagSize), writeOffset, ct);
            writeOffset += n + TagSize;
            n = await /*~ASYS1005*/ring.ReadAsync(sourceFd, front.AsMemory(0, ChunkSize), readOffset, ct).ConfigureAwait(false);
            (front, back) = (back, front);
        }

        await pending.ConfigureAwait(false);
    }
}
