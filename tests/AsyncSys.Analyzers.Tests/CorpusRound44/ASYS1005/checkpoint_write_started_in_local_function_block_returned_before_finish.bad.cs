// A checkpointer starts the write of a pooled block in one local function and awaits it in another; the block goes back to the pool between the two, while the write still reads it.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round44.Checkpoints;

public sealed class Checkpointer
{
    private readonly IoRing _ring;
    private readonly int _fd;

    public Checkpointer(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public async ValueTask<int> WriteCheckpointAsync(ReadOnlyMemory<byte> state, long offset, CancellationToken ct)
    {
        byte[] block = ArrayPool<byte>.Shared.Rent(state.Length);
        state.Span.CopyTo(block);
        ValueTask<int> pending = default;

        Start();
        /*~ASYS1005*/ArrayPool<byte>.Shared.Return(block);   // the write started by Start still reads it
        return await Finish();

        void Start() => pending = _ring.WriteAtMostAsync(_fd, block.AsMemory(0, state.Length), offset, ct);

        async ValueTask<int> Finish() => await pending;
    }
}
