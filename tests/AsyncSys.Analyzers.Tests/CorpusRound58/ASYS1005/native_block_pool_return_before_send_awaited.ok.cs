// The reply path returns the native block to its pool only after the send has completed, in a finally so that a failed send still returns it once the kernel is done.
using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus58.NativePoolReturnOk;

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
        try
        {
            payload.CopyTo(block.Memory);
            await ring.SendAsync(socket, block.Memory.Slice(0, payload.Length), MessageFlags.None, ct);
        }
        finally
        {
            pool.Return(block);
        }
    }
}
