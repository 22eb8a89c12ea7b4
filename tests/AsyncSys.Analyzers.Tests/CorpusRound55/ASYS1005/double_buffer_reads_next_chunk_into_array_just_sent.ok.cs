// A file encryptor double-buffers: it reads a chunk into `back`, encrypts it in place with ChaCha20Poly1305, waits for the previous write, swaps the two arrays and starts the write of `front`; the next chunk is read into `back`, the array whose write was awaited, while the kernel copies `front` out.
using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus55.DoubleBufferSwapOk;

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
            cipher.Encrypt(nonce, back.AsSpan(0, n), back.AsSpan(0, n), back.AsSpan(n, TagSize));
            await pending.ConfigureAwait(false);
            (front, back) = (back, front);
            pending = ring.WriteAsync(targetFd, front.AsMemory(0, n + TagSize), writeOffset, ct);
            writeOffset += n + TagSize;
            n = await ring.ReadAsync(sourceFd, back.AsMemory(0, ChunkSize), readOffset, ct).ConfigureAwait(false);
        }

        await pending.ConfigureAwait(false);
    }
}
