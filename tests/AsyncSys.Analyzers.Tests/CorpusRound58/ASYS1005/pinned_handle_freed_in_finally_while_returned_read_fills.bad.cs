// A block reader pins its managed page with a pinned GCHandle and hands the ring a MemoryManager over the pinned address (its old synchronous code passed that address to pread). The port returns the ring read's ValueTask from inside the try: the finally frees the handle as the method returns, the GC may move the page while the kernel still writes into the old address.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus58.PinnedHandleFinallyBad;

internal sealed unsafe class AddressMemory(byte* address, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(address, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(address + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

internal sealed class BlockReader(IoRing ring, int fd)
{
    public unsafe ValueTask<int> ReadPageAsync(byte[] page, long offset, CancellationToken ct)
    {
        GCHandle handle = GCHandle.Alloc(page, GCHandleType.Pinned);
        try
        {
            var memory = new AddressMemory((byte*)handle.AddrOfPinnedObject(), page.Length);
            return ring.ReadAsync(fd, memory.Memory, offset, ct);
        }
        finally
        {
            /*~ASYS1005*/handle.Free();
        }
    }
}
