// A matchmaking beacon replies to each probe with sendto, building the sockaddr_in in stackalloc memory and wrapping it
// in a MemoryManager to pass the generated variant. The variant runs sendto on a worker later, after ReplyAsync has
// returned its task: the worker reads the address out of a dead frame and the reply goes to a random host or fails
// with EINVAL.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.Stack.SendtoStackallocAddress;

public static unsafe partial class Udp
{
    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    [AsyncSyscall]
    public static partial nint SendTo(int fd, byte* buffer, nuint length, int flags, byte* address, uint addressLength);
}

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

public sealed unsafe class Beacon(int fd)
{
    public ValueTask<nint> ReplyAsync(ReadOnlyMemory<byte> reply, uint ipv4, ushort port, CancellationToken ct)
    {
        byte* sin = stackalloc byte[16];
        new Span<byte>(sin, 16).Clear();
        sin[0] = 2;
        sin[2] = (byte)(port >> 8);
        sin[3] = (byte)port;
        *(uint*)(sin + 4) = ipv4;
        var address = new PointerMemory(sin, 16);
        return Udp.SendToAsync(fd, reply, 0, /*~ASYS1004*/address.Memory, ct);
    }
}
