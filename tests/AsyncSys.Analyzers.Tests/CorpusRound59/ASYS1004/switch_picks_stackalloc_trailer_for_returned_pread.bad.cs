// A segment file's trailer is 16 bytes in the old format and 128 in the new one. The reader keeps both sizes in stackalloc memory, lets a switch expression over the format choose which one the generated pread variant fills, and returns the variant's task: whichever block the switch picked lives in a frame that is gone while the worker is still writing the trailer into it.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.SwitchStackTrailerBad;

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

internal enum SegmentFormat
{
    V1,
    V2,
}

internal sealed class TrailerReader(int segmentFd)
{
    public unsafe ValueTask<nint> ReadTrailerAsync(SegmentFormat format, long fileLength, CancellationToken ct)
    {
        byte* v1 = stackalloc byte[16];
        byte* v2 = stackalloc byte[128];
        byte* target = format switch
        {
            SegmentFormat.V1 => v1,
            _ => v2,
        };
        int length = format is SegmentFormat.V1 ? 16 : 128;
        var memory = new PointerMemory(target, length);
        return Native.PreadAsync(segmentFd, /*~ASYS1004*/memory.Memory, fileLength - length, ct);
    }
}
