// A segment reader's synchronous header read put the 32-byte header in stackalloc memory and handed it to pread, which finished before the method returned. The port passes the same stack block, wrapped in a pointer MemoryManager, to the generated pread variant and returns its task: the frame is gone while the worker still writes the header into it.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus57.StackallocHeaderPreadBad;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint Pread(int fd, byte* buffer, nuint count, long offset);
}

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

internal sealed class SegmentReader(int segmentFd)
{
    public unsafe ValueTask<nint> ReadHeaderAsync(long segmentOffset, CancellationToken ct)
    {
        byte* header = stackalloc byte[32];
        var memory = new PointerMemory(header, 32);
        return Native.PreadAsync(segmentFd, /*~ASYS1004*/memory.Memory, segmentOffset, ct);
    }
}
