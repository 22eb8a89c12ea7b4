// The tar header writer made right: the header lives in native memory that is freed only after the write to the pipe
// has been awaited, so the kernel copies the bytes that were formatted.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.StackMemory.TarHeaderStackallocOk;

internal sealed unsafe class UnmanagedMemory(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);
    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);
    public override void Unpin() { }
    protected override void Dispose(bool disposing) { }
}

public static class TarHeaderWriter
{
    public static async Task WriteHeaderAsync(IoRing ring, int pipeFd, string name, long size)
    {
        nint header = AllocateHeader();
        try
        {
            var manager = Format(header, name, size);
            await ring.WriteAsync(pipeFd, manager.Memory, -1);
        }
        finally
        {
            Free(header);
        }
    }

    private static unsafe nint AllocateHeader() => (nint)NativeMemory.AllocZeroed(512);

    private static unsafe void Free(nint header) => NativeMemory.Free((void*)header);

    private static unsafe UnmanagedMemory Format(nint header, string name, long size)
    {
        var span = new Span<byte>((byte*)header, 512);
        Encoding.ASCII.GetBytes(name, span[..100]);
        Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0'), span.Slice(124, 11));
        return new UnmanagedMemory((byte*)header, 512);
    }
}
