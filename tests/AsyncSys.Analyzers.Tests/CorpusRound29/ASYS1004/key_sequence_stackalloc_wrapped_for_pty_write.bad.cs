// A terminal front end turns each key press into its escape sequence (arrows, function keys) in a stackalloc'd buffer,
// to allocate nothing per key, wraps it in a small MemoryManager and returns the ring's write to the pty master. The
// write is queued behind earlier output when the shell is busy: by the time the kernel copies the bytes, the frame is
// gone and the shell receives garbage instead of "ESC [ A".
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.StackMemory.KeySequenceStackalloc;

internal sealed unsafe class UnmanagedBytes(byte* pointer, int length) : MemoryManager<byte>
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

public enum Key { Up, Down, Right, Left }

public sealed class KeyForwarder(IoRing ring, int masterFd)
{
    public unsafe ValueTask SendKeyAsync(Key key, CancellationToken ct)
    {
        byte* sequence = stackalloc byte[8];
        int length = Encode(key, new Span<byte>(sequence, 8));
        var memory = new UnmanagedBytes(sequence, length);
        return ring.WriteAsync(masterFd, /*~ASYS1004*/memory.Memory, ct);
    }

    private static int Encode(Key key, Span<byte> into)
    {
        into[0] = 0x1b;
        into[1] = (byte)'[';
        into[2] = key switch { Key.Up => (byte)'A', Key.Down => (byte)'B', Key.Right => (byte)'C', _ => (byte)'D' };
        return 3;
    }
}
