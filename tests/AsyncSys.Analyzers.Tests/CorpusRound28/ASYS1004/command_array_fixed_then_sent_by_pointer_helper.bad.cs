// A memcached client's encoder works on pointers, so the command array is pinned with `fixed` and its pointer handed
// to a helper that starts the send over it and returns the task. The pin ends at the fixed block's brace, before the
// send completes: a GC in between may move the array, and the kernel sends whatever now lives at the old address.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.Stack.CommandFixedPointerHelper;

internal sealed unsafe class UnmanagedMemoryManager(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);
    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);
    public override void Unpin() { }
    protected override void Dispose(bool disposing) { }
}

public sealed unsafe class MemcachedConnection(IoRing ring, int fd)
{
    public ValueTask<int> SendCommand(byte[] command, int length, CancellationToken ct)
    {
        fixed (byte* p = command)
        {
            Terminate(p, length);
            return SendRaw(/*~ASYS1004*/p, length + 2, ct);
        }
    }

    private static void Terminate(byte* p, int length)
    {
        p[length] = (byte)'\r';
        p[length + 1] = (byte)'\n';
    }

    private ValueTask<int> SendRaw(byte* data, int length, CancellationToken ct)
    {
        var manager = new UnmanagedMemoryManager(data, length);
        return ring.SendAsync(fd, manager.Memory, MessageFlags.NoSignal, ct);
    }
}
