// The same key forwarder, made right the cheap way: the escape sequence is still built in stackalloc'd memory, but what
// the ring's write gets is an array copied from it on the spot; the stack bytes are not used after the method returns.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.StackMemory.KeySequenceCopied;

public enum Key { Up, Down, Right, Left }

public sealed class KeyForwarder(IoRing ring, int masterFd)
{
    public unsafe ValueTask SendKeyAsync(Key key, CancellationToken ct)
    {
        byte* sequence = stackalloc byte[8];
        int length = Encode(key, new Span<byte>(sequence, 8));
        return ring.WriteAsync(masterFd, new ReadOnlySpan<byte>(sequence, length).ToArray(), ct);
    }

    private static int Encode(Key key, Span<byte> into)
    {
        into[0] = 0x1b;
        into[1] = (byte)'[';
        into[2] = key switch { Key.Up => (byte)'A', Key.Down => (byte)'B', Key.Right => (byte)'C', _ => (byte)'D' };
        return 3;
    }
}
