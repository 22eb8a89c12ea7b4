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

public static unsafe class TarHeaderWriter
{
    public static async Task<int> WriteHeaderAsync(IoRing ring, int pipeFd, string name, long size)
    {
        byte* header = (byte*)NativeMemory.AllocZeroed(512);
        try
        {
            var span = new Span<byte>(header, 512);
            Encoding.ASCII.GetBytes(name, span[..100]);
            Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0'), span.Slice(124, 11));
            var manager = new UnmanagedMemory(header, 512);
            return await ring.WriteAsync(pipeFd, manager.Memory, -1);
        }
        finally
        {
            NativeMemory.Free(header);
        }
    }
}
