// The inotify reader stackallocs a Span<byte>, pins it with fixed to wrap it in a pointer MemoryManager, and returns
// the ring read's ValueTask from inside the block. The memory is this frame's stack: the caller awaits a read whose
// kernel copy lands in a dead frame.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Stack.InotifySpanFixed;

internal sealed unsafe class PointerMemory(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);
    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);
    public override void Unpin() { }
    protected override void Dispose(bool disposing) { }
}

public sealed unsafe class InotifyReader(IoRing ring, int inotifyFd)
{
    public ValueTask<int> ReadEventsAsync(CancellationToken ct)
    {
        Span<byte> events = stackalloc byte[4096];
        fixed (byte* p = events)
        {
            var memory = new PointerMemory(p, events.Length);
            return ring.ReadAsync(inotifyFd, /*~ASYS1004*/memory.Memory, ct);
        }
    }
}
