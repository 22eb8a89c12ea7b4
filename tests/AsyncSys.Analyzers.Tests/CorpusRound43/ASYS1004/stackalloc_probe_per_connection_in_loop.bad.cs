// A broker's liveness sweep posts a peeking receive per idle connection in a loop, each into stackalloc'd memory behind a MemoryManager, and returns the whole batch's task: the frame is gone before any receive completes.
using System;
using System.Buffers;
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
        for (int i = 0; i < sockets.Length; i++)
        {
            byte* probe = stackalloc byte[1];
            var memory = new PointerMemory(probe, 1);
            probes[i] = _ring.ReceiveAsync(sockets[i], /*~ASYS1004*/memory.Memory, MessageFlags.Peek | MessageFlags.DontWait).AsTask();
        }

        return Task.WhenAll(probes);
    }
}
