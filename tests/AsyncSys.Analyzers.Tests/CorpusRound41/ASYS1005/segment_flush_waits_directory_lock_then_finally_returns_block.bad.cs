// A segment flusher pwrites each pooled block of a struct-enumerated block list, then waits for the directory's async lock (SemaphoreSlim.WaitAsync with the token) before awaiting the write; a cancelled wait reaches the finally that returns the block while the pwrite still reads it.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Search.Index;

public static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    [AsyncSyscall]
    public static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);
}

public readonly record struct SegmentBlock(byte[] Buffer, int Length, long Offset);

// A list of pooled blocks with a struct enumerator, as collections on hot paths are written.
public sealed class BlockList
{
    private readonly List<SegmentBlock> _items = new();

    public void Add(SegmentBlock block) => _items.Add(block);

    public Enumerator GetEnumerator() => new(_items);

    public struct Enumerator
    {
        private readonly List<SegmentBlock> _items;
        private int _index;

        internal Enumerator(List<SegmentBlock> items)
        {
            _items = items;
            _index = -1;
        }

        public SegmentBlock Current => _items[_index];

        public bool MoveNext() => ++_index < _items.Count;
    }
}

public sealed class SegmentFlusher
{
    private readonly SemaphoreSlim _directoryLock = new(1, 1);
    private readonly Dictionary<long, int> _written = new();
    private readonly BlockList _blocks;
    private readonly int _fd;

    public SegmentFlusher(int fd, BlockList blocks)
    {
        _fd = fd;
        _blocks = blocks;
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        foreach (SegmentBlock block in _blocks)
        {
            ValueTask<nint> write = Libc.PWriteAsync(_fd, block.Buffer.AsMemory(0, block.Length), block.Offset, ct);
            try
            {
                await _directoryLock.WaitAsync(ct);
                try
                {
                    _written[block.Offset] = block.Length;
                }
                finally
                {
                    _directoryLock.Release();
                }

                await write;
            }
            finally
            {
                /*~ASYS1005*/ArrayPool<byte>.Shared.Return(block.Buffer);
            }
        }
    }
}
