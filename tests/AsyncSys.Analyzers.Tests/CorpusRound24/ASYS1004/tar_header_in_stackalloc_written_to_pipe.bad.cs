// A tar streamer formats each 512-byte ustar header in stackalloc memory, wraps it in a MemoryManager and returns the
// ring's write of it to the output pipe without awaiting. When the pipe is full the write completes after the method
// has returned: the kernel copies whatever the next frames left in that stack slot, and the archive gets a corrupt
// header that makes every later member unreadable.
using System;
using System.Buffers;
using System.Text;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.StackMemory.TarHeaderStackalloc;

internal sealed unsafe class UnmanagedMemory(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);
    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);
    public override void Unpin() { }
    protected override void Dispose(bool disposing) { }
}

public static unsafe class TarHeaderWriter
{
    public static ValueTask WriteHeaderAsync(IoRing ring, int pipeFd, string name, long size)
    {
        byte* header = stackalloc byte[512];
        var span = new Span<byte>(header, 512);
        span.Clear();
        Encoding.ASCII.GetBytes(name, span[..100]);
        Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0'), span.Slice(124, 11));
        var manager = new UnmanagedMemory(header, 512);
        return ring.WriteAsync(pipeFd, /*~ASYS1004*/manager.Memory, -1);
    }
}
