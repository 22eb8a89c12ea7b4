using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Samples.FileCopy;

/// <summary>
/// Copies a file block by block with <c>depth</c> blocks in flight: each lane reads a block and writes it at the
/// same offset, so reads of later blocks overlap writes of earlier ones on the ring.
/// </summary>
internal sealed class Copier
{
    private readonly IoRing _ring;
    private readonly int _blockSize;
    private readonly int _depth;
    private long _nextBlock = -1;
    private long _copied;

    public Copier(IoRing ring, int blockSize, int depth)
    {
        _ring = ring;
        _blockSize = blockSize;
        _depth = depth;
    }

    /// <summary>Bytes copied so far; read by the progress bar while the copy runs.</summary>
    public long Copied => Interlocked.Read(ref _copied);

    public async Task CopyAsync(SafeFileHandle source, SafeFileHandle destination, long length, CancellationToken cancellationToken)
    {
        long blocks = (length + _blockSize - 1) / _blockSize;
        var lanes = new Task[Math.Max(1, (int)Math.Min(_depth, blocks))];
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = RunLaneAsync(source, destination, length, blocks, cancellationToken);
        }

        await Task.WhenAll(lanes).ConfigureAwait(false);

        // Durable before we report success, also through the ring.
        await Libc.FsyncAsync(_ring, destination, cancellationToken).ConfigureAwait(false);
    }

    private async Task RunLaneAsync(SafeFileHandle source, SafeFileHandle destination, long length, long blocks, CancellationToken cancellationToken)
    {
        // One buffer per lane, reused: the ring pins it only while its own read or write is in flight.
        byte[] buffer = new byte[_blockSize];
        long block;
        while ((block = Interlocked.Increment(ref _nextBlock)) < blocks)
        {
            long offset = block * _blockSize;
            int size = (int)Math.Min(_blockSize, length - offset);
            int filled = 0;
            while (filled < size)
            {
                nint read = await Libc.PReadAsync(_ring, source, buffer.AsMemory(filled, size - filled), offset + filled, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new InvalidOperationException($"The source shrank while copying: end of file at {offset + filled:N0}.");
                }

                filled += (int)read;
            }

            int written = 0;
            while (written < size)
            {
                // A short write is legal (disk full on the way, signals): write the rest.
                written += (int)await Libc.PWriteAsync(_ring, destination, buffer.AsMemory(written, size - written), offset + written, cancellationToken).ConfigureAwait(false);
            }

            Interlocked.Add(ref _copied, size);
        }
    }
}
