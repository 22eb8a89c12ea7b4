// A FileStream replacement forwards ReadAsync(Memory<byte>) straight to ring.ReadAsync. Its checksum helper was ported from a synchronous Read-then-hash loop to overlap I/O with hashing, but starts the read-ahead into the same block it is about to hash: the hash reads bytes the kernel is overwriting with the next chunk.
using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus57.RingStreamReadAheadBad;

internal sealed class RingFileStream(IoRing ring, int fd) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => ring.ReadAsync(fd, buffer, Interlocked.Add(ref _position, buffer.Length) - buffer.Length, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

internal static class Checksums
{
    public static async Task<byte[]> Sha256Async(RingFileStream source, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] block = new byte[64 * 1024];
        int n = await source.ReadAsync(block, ct).ConfigureAwait(false);
        while (n > 0)
        {
            ValueTask<int> next = source.ReadAsync(block, ct);
            /*~ASYS1005*/hash.AppendData(block, 0, n);
            n = await next.ConfigureAwait(false);
        }

        return hash.GetHashAndReset();
    }
}
