// An LSM memtable flusher writes a block through its SST file's WriteBlockAsync helper, which forwards to the ring's write, waits with a timeout, and returns the pooled block in a finally: on a timeout the write still reads the block.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus46.LsmFlushBad;

internal sealed class SstFile(IoRing ring, int fd)
{
    public ValueTask WriteBlockAsync(ReadOnlyMemory<byte> block, long offset, CancellationToken ct) =>
        ring.WriteAsync(fd, block, offset, ct);
}

internal sealed class MemtableFlusher(SstFile file)
{
    private static int Encode(IReadOnlyList<KeyValuePair<byte[], byte[]>> entries, byte[] block)
    {
        int at = 0;
        foreach (KeyValuePair<byte[], byte[]> entry in entries)
        {
            BinaryPrimitives.WriteInt32LittleEndian(block.AsSpan(at), entry.Key.Length);
            BinaryPrimitives.WriteInt32LittleEndian(block.AsSpan(at + 4), entry.Value.Length);
            entry.Key.CopyTo(block, at + 8);
            entry.Value.CopyTo(block, at + 8 + entry.Key.Length);
            at += 8 + entry.Key.Length + entry.Value.Length;
        }

        return at;
    }

    public async Task FlushAsync(IReadOnlyList<KeyValuePair<byte[], byte[]>> entries, long offset, TimeSpan timeout, CancellationToken ct)
    {
        byte[] block = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int n = Encode(entries, block);
            await file.WriteBlockAsync(block.AsMemory(0, n), offset, ct).AsTask().WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        finally
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(block);
        }
    }
}
