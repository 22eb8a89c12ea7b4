// An HDF5-like chunked dataset writer reserves each chunk's space with posix_fallocate on AsyncSys workers and records
// the chunk's file offset in its chunk index (a Dictionary field) under a lock, since chunks are reserved concurrently.
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round12.Shared.ChunkIndexUnderLock;

public sealed partial class ChunkedDatasetWriter(int fd, long chunkBytes, long headerBytes)
{
    private readonly Dictionary<long, long> _chunkOffsets = new();
    private readonly Lock _indexLock = new();

    [LibraryImport("libc", EntryPoint = "posix_fallocate")]
    private static partial int PosixFallocate(int fd, long offset, long length);

    /// <summary>Reserves the space of chunk <paramref name="chunkIndex"/>; 0, or the error number.</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
    public int ReserveChunk(long chunkIndex)
    {
        long offset = headerBytes + chunkIndex * chunkBytes;
        int error = PosixFallocate(fd, offset, chunkBytes);
        if (error == 0)
        {
            lock (_indexLock)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_chunkOffsets, chunkIndex, out _) = offset;
            }
        }

        return error;
    }

    public async Task ReserveAllAsync(IEnumerable<long> chunks, CancellationToken cancellationToken) =>
        await Task.WhenAll(chunks.Select(c => ReserveChunkAsync(c, cancellationToken).AsTask()));
}
