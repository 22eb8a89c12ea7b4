// A liveness prober encodes an 8-byte probe on the stack, wraps it in a pointer MemoryManager and returns the send's `AsTask().WaitAsync(timeout, ct)`; the method's frame (and the probe) is gone as soon as it returns, while the send, and after a timeout even more so, still reads it.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.ProbeStackWaitBad;

internal sealed unsafe class PointerMemory(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

internal sealed class LivenessProber(IoRing ring, int socket)
{
    public unsafe Task<int> ProbeAsync(TimeSpan timeout, CancellationToken ct)
    {
        byte* probe = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(new Span<byte>(probe, 8), Stopwatch.GetTimestamp());
        var memory = new PointerMemory(probe, 8);
        return ring.SendAsync(socket, /*~ASYS1004*/memory.Memory, MessageFlags.NoSignal, ct).AsTask().WaitAsync(timeout, ct);
    }
}
