// A FileStream replacement forwards ReadAsync(Memory<byte>) to ring.ReadAsync; its checksum helper overlaps I/O with hashing by alternating two blocks: the read-ahead fills one while the hash reads the other, and they swap only after the read-ahead has been awaited.
using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus57.RingStreamReadAheadOk;

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
        byte[] current = new byte[64 * 1024];
        byte[] spare = new byte[64 * 1024];
        int n = await source.ReadAsync(current, ct).ConfigureAwait(false);
        while (n > 0)
        {
            ValueTask<int> next = source.ReadAsync(spare, ct);
            hash.AppendData(current, 0, n);
            n = await next.ConfigureAwait(false);
            (current, spare) = (spare, current);
        }

        return hash.GetHashAndReset();
    }
}
