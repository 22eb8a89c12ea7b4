// A page cache's synchronous fill pinned its page array with fixed and passed the pointer to read(2). The port returns the generated read variant from inside the fixed block, over a MemoryManager made on the pointer: the pin ends when the block is left, while the worker is still to write the page, and the GC may move the array meanwhile.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus57.FixedPageReadBad;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint Read(int fd, byte* buffer, nuint count);
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
    private readonly byte[] _page = new byte[4096];

    public unsafe ValueTask<nint> FillAsync(CancellationToken ct)
    {
        fixed (byte* page = _page)
        {
            var memory = new PointerMemory(page, _page.Length);
            return Native.ReadAsync(fd, /*~ASYS1004*/memory.Memory, ct);
        }
    }
}
