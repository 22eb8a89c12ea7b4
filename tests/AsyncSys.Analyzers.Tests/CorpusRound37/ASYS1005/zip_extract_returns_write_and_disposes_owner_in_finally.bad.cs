// Zip extraction inflates an entry into a pooled IMemoryOwner and returns the ring write's task to the caller, which
// awaits a batch of them. The owner is disposed in finally, when the method returns, with the write still in flight:
// the buffer is rented for the next entry and the file on disk gets the next entry's bytes.
using System;
using System.Buffers;
using System.IO;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.InFlight.ZipOwnerDisposedInFinally;

public sealed class EntrySink(IoRing ring, MemoryPool<byte> pool)
{
    public ValueTask WriteEntry(int fd, Stream deflated, int uncompressedLength, CancellationToken ct)
    {
        IMemoryOwner<byte> owner = pool.Rent(uncompressedLength);
        try
        {
            using var inflater = new DeflateStream(deflated, CompressionMode.Decompress, leaveOpen: true);
            inflater.ReadExactly(owner.Memory.Span[..uncompressedLength]);
            return ring.WriteAsync(fd, owner.Memory[..uncompressedLength], 0, ct);
        }
        finally
        {
            /*~ASYS1005*/owner.Dispose();
        }
    }
}
