// The block reader keeps the page pinned until the ring read completes: the handle is freed in a continuation of the read's task, which runs only once the kernel has finished writing the page.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus58.PinnedHandleFinallyOk;

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
    public unsafe Task<int> ReadPageAsync(byte[] page, long offset, CancellationToken ct)
    {
        GCHandle handle = GCHandle.Alloc(page, GCHandleType.Pinned);
        var memory = new AddressMemory((byte*)handle.AddrOfPinnedObject(), page.Length);
        Task<int> read = ring.ReadAsync(fd, memory.Memory, offset, ct).AsTask();
        return read.ContinueWith(
            static (done, state) =>
            {
                ((GCHandle)state!).Free();
                return done;
            },
            handle,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();
    }
}
