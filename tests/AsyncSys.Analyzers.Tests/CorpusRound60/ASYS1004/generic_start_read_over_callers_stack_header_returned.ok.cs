// The record-file reader's generic helper reads sizeof(T) bytes into a pooled array, awaits the read, and only then copies the bytes into a T it returns by value: no caller's struct is in flight.
using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus60.GenericStartReadOk;

internal struct RecordHeader
{
    public uint Magic;
    public uint Length;
    public ulong Sequence;
}

internal static class RingStructReads
{
    public static async ValueTask<T> ReadStruct<T>(this IoRing ring, int fd, long offset, CancellationToken ct)
        where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            int read = await ring.ReadAsync(fd, buffer.AsMemory(0, size), offset, ct);
            if (read != size)
            {
                throw new EndOfStreamException();
            }

            return MemoryMarshal.Read<T>(buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

internal sealed class EndOfStreamException : Exception
{
}

internal sealed class RecordFile(IoRing ring, int fd)
{
    public ValueTask<RecordHeader> ReadHeaderAt(long offset, CancellationToken ct) => ring.ReadStruct<RecordHeader>(fd, offset, ct);
}
