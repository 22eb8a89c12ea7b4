// The tailer reads inotify events into a stackalloc'd buffer wrapped in a pointer MemoryManager and returns the read's
// ValueTask to the caller. The frame is gone as soon as the method returns: the kernel writes the events into whatever
// stack frame lives there by then, and the caller parses garbage.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Stack.InotifyStackalloc;

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
        byte* events = stackalloc byte[4096];
        var memory = new PointerMemory(events, 4096);
        return ring.ReadAsync(inotifyFd, /*~ASYS1004*/memory.Memory, ct);
    }
}
