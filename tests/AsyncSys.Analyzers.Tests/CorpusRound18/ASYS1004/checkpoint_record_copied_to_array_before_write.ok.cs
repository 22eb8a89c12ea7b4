// The checkpoint writer made right: the record is built on the stack but copied into an array before the write starts;
// the ring pins the array for the whole write, so the frame may go away.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.StackMemory.CheckpointCopiedToArray;

public sealed class CheckpointWriter(IoRing ring, int checkpointFd)
{
    public ValueTask SaveAsync(long offset, long inode, uint crc, CancellationToken ct)
    {
        Span<byte> record = stackalloc byte[24];
        BinaryPrimitives.WriteInt64LittleEndian(record, offset);
        BinaryPrimitives.WriteInt64LittleEndian(record[8..], inode);
        BinaryPrimitives.WriteUInt32LittleEndian(record[16..], crc);

        byte[] copy = record.ToArray();
        return ring.WriteAsync(checkpointFd, copy, 0, ct);
    }
}
