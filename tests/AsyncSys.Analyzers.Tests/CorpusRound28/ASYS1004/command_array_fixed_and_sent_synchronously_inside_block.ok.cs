// The synchronous API of the memcached client (the driver offers both): the command array is pinned with `fixed`,
// the pointer helper starts the send, and the send is waited for inside the fixed block, so the array stays pinned
// until the kernel has finished with it.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.Stack.CommandFixedWaitedInside;

internal sealed unsafe class UnmanagedMemoryManager(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);
    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);
    public override void Unpin() { }
    protected override void Dispose(bool disposing) { }
}

public sealed unsafe class MemcachedConnection(IoRing ring, int fd)
{
    public int SendCommand(byte[] command, int length, CancellationToken ct)
    {
        fixed (byte* p = command)
        {
            Terminate(p, length);
            return SendRaw(p, length + 2, ct).AsTask().GetAwaiter().GetResult();
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
