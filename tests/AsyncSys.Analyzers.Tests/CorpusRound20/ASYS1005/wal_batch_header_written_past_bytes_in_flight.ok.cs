// A WAL batch builder writes the sealed part of its buffer while it keeps appending the next records after it: the
// write has the first `sealedLength` bytes, and the new records go from `sealedLength` on, bytes the write never reads.
using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.InFlight.WalAppendPastSealed;

public sealed class WalBatch(IoRing ring, int walFd)
{
    private readonly byte[] _buffer = GC.AllocateArray<byte>(1 << 16, pinned: true);

    public async Task<int> FlushAndContinueAsync(int sealedLength, long fileOffset, string nextRecord, CancellationToken ct)
    {
        ValueTask write = ring.WriteAsync(walFd, _buffer.AsMemory(0, sealedLength), fileOffset, ct);
        int appended = Encoding.UTF8.GetBytes(nextRecord, _buffer.AsSpan(sealedLength));
        await write;
        return appended;
    }
}
