// A MemoryManager over a fixed buffer, in a using; the write's task is returned from inside (the pin ends, and the manager is disposed, in flight).
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal sealed unsafe class PinnedManager(byte* pointer, int length) : MemoryManager<byte>
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

internal static unsafe class Frames
{
    public static ValueTask<int> WriteFrameAsync(IoRing ring, int fd, byte[] frame, long offset, CancellationToken cancellationToken)
    {
        fixed (byte* p = frame)
        {
            /*~ASYS1005*/using (var manager = new PinnedManager(p, frame.Length))
            {
                ReadOnlyMemory<byte> payload = manager.Memory.Slice(4);
                return ring.WriteAtMostAsync(fd, /*~ASYS1004*/payload, offset, cancellationToken);
            }
        }
    }
}
