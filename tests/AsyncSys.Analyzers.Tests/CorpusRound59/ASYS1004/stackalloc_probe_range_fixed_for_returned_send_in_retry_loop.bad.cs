// A health prober encodes its probe into a stackalloc span, takes the encoded part with a range [..n], pins it with fixed and wraps the pointer in a MemoryManager for the ring send. The send's task is returned from inside the retry loop's try as soon as the socket accepts it: the method's frame, and the stack bytes the send still reads, are gone when the caller awaits it.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.StackProbeRangeBad;

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

internal sealed class HealthProber(IoRing ring, int socketFd)
{
    public unsafe ValueTask<int> SendProbeAsync(int sequence, CancellationToken ct)
    {
        Span<byte> probe = stackalloc byte[64];
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                int n = Encode(probe, sequence, attempt);
                fixed (byte* p = probe[..n])
                {
                    var memory = new PointerMemory(p, n);
                    return ring.SendAsync(socketFd, /*~ASYS1004*/memory.Memory, MessageFlags.None, ct);
                }
            }
            catch (ArgumentException) when (attempt < 3)
            {
                continue;
            }
        }
    }

    private static int Encode(Span<byte> probe, int sequence, int attempt)
    {
        BinaryPrimitives.WriteInt32LittleEndian(probe, sequence);
        BinaryPrimitives.WriteInt32LittleEndian(probe[4..], attempt);
        return 8;
    }
}
