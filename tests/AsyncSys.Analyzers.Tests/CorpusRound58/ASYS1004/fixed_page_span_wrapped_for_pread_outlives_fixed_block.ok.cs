// The page cache allocates its page on the pinned object heap (GC.AllocateArray with pinned: true, held in a readonly field): the fixed block only takes its address, the array never moves, so the returned pread may outlive the block.
using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus58.FixedSpanPreadOk;

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

internal sealed class PageCache(int fd)
{
    private readonly byte[] _page = GC.AllocateArray<byte>(8192, pinned: true);

    public unsafe ValueTask<nint> FillAsync(long offset, CancellationToken ct)
    {
        ValueTask<nint> pending;
        fixed (byte* p = _page)
        {
            var span = new Span<byte>(p, _page.Length);
            span.Slice(0, 16).Clear();
            var memory = new PointerMemory((byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span)), span.Length);
            pending = Native.PreadAsync(fd, memory.Memory, offset, ct);
        }

        return pending;
    }
}
