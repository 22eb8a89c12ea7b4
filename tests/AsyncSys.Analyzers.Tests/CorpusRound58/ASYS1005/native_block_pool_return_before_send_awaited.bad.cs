// A server keeps its send buffers in a pool of native blocks (NativeMemory.Alloc once, reused). The reply path returns the block to the pool right after starting the send, as its synchronous version did after send(2) returned: the next reply rents the same block and overwrites it while the kernel still reads it.
using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus58.NativePoolReturnBad;

internal sealed unsafe class NativeBlock : MemoryManager<byte>
{
    private readonly byte* _address;

    public NativeBlock(int length)
    {
        Length = length;
        _address = (byte*)NativeMemory.Alloc((nuint)length);
    }

    public int Length { get; }

    public override Span<byte> GetSpan() => new(_address, Length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_address + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing) => NativeMemory.Free(_address);
}

internal sealed class NativeBlockPool
{
    private readonly ConcurrentBag<NativeBlock> _blocks = new();

    public NativeBlock Rent() => _blocks.TryTake(out NativeBlock? block) ? block : new NativeBlock(16 * 1024);

    public void Return(NativeBlock block) => _blocks.Add(block);
}

internal sealed class ReplySender(IoRing ring, NativeBlockPool pool)
{
    public async Task SendReplyAsync(int socket, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        NativeBlock block = pool.Rent();
        payload.CopyTo(block.Memory);
        ValueTask<int> send = ring.SendAsync(socket, block.Memory.Slice(0, payload.Length), MessageFlags.None, ct);
        /*~ASYS1005*/pool.Return(block);
        await send;
    }
}
