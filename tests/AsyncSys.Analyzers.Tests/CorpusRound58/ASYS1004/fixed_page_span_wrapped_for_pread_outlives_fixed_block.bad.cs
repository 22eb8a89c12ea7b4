// A page cache pins its page array with fixed, makes a Span over the pointer (new Span<byte>(p, n)) for its helpers, and hands that span, wrapped back into a pointer MemoryManager, to the generated pread variant. The task is returned after the fixed block has ended: the array is no longer pinned while the worker writes into it.
using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus58.FixedSpanPreadBad;

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
    private readonly byte[] _page = new byte[8192];

    public unsafe ValueTask<nint> FillAsync(long offset, CancellationToken ct)
    {
        ValueTask<nint> pending;
        fixed (byte* p = _page)
        {
            var span = new Span<byte>(p, _page.Length);
            span.Slice(0, 16).Clear();
            var memory = new PointerMemory((byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span)), span.Length);
            pending = Native.PreadAsync(fd, /*~ASYS1004*/memory.Memory, offset, ct);
        }

        return pending;
    }
}
