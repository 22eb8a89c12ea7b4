// A broker's liveness sweep posts a peeking receive per idle connection in a loop, each into native memory it frees only after every receive has completed.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Broker.Liveness;

internal sealed unsafe class PointerMemory : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public PointerMemory(byte* pointer, int length)
    {
        _pointer = pointer;
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

public sealed class IdleSweep
{
    private readonly IoRing _ring;

    public IdleSweep(IoRing ring) => _ring = ring;

    public unsafe Task<int[]> ProbeAsync(int[] sockets)
    {
        var probes = new Task<int>[sockets.Length];
        byte* block = (byte*)NativeMemory.Alloc((nuint)Math.Max(1, sockets.Length));
        for (int i = 0; i < sockets.Length; i++)
        {
            var memory = new PointerMemory(block + i, 1);
            probes[i] = _ring.ReceiveAsync(sockets[i], memory.Memory, MessageFlags.Peek | MessageFlags.DontWait).AsTask();
        }

        return FreeAfterAsync(Task.WhenAll(probes), (nint)block);
    }

    private static async Task<int[]> FreeAfterAsync(Task<int[]> all, nint block)
    {
        try
        {
            return await all;
        }
        finally
        {
            unsafe
            {
                NativeMemory.Free((void*)block);
            }
        }
    }
}
