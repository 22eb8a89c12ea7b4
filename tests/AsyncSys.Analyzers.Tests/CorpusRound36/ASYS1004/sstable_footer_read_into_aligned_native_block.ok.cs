// An SSTable reader opened with O_DIRECT reads the 4 KiB footer into a block from NativeMemory.AlignedAlloc (O_DIRECT
// needs aligned memory), wrapped in a MemoryManager; it awaits the read before it parses and frees the block, so the
// kernel never writes memory that is gone.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.StackMemory.SstableFooterAligned;

internal sealed unsafe class NativeBlock : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public NativeBlock(int length, int alignment)
    {
        _pointer = (byte*)NativeMemory.AlignedAlloc((nuint)length, (nuint)alignment);
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing) => NativeMemory.AlignedFree(_pointer);
}

public sealed class SstableFooterReader(IoRing ring)
{
    public async Task<(long IndexOffset, long IndexLength)> ReadFooterAsync(DirectFileHandle table, long fileLength, CancellationToken ct)
    {
        var block = new NativeBlock(4096, table.MemoryAlignment);
        try
        {
            int n = await ring.ReadAsync(table, block.Memory, fileLength - 4096, ct);
            if (n != 4096)
            {
                throw new InvalidOperationException("short footer read: " + n);
            }

            ReadOnlySpan<byte> footer = block.GetSpan()[^16..];
            return (BinaryPrimitives.ReadInt64LittleEndian(footer), BinaryPrimitives.ReadInt64LittleEndian(footer[8..]));
        }
        finally
        {
            ((IDisposable)block).Dispose();
        }
    }
}
