// The beacon reply made right: the sockaddr_in is built in a small managed array per reply and passed as memory the
// generated variant pins for the whole sendto on the worker.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.Stack.SendtoManagedAddress;

public static unsafe partial class Udp
{
    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    [AsyncSyscall]
    public static partial nint SendTo(int fd, byte* buffer, nuint length, int flags, byte* address, uint addressLength);
}

public sealed class Beacon(int fd)
{
    public ValueTask<nint> ReplyAsync(ReadOnlyMemory<byte> reply, uint ipv4, ushort port, CancellationToken ct)
    {
        byte[] sin = new byte[16];
        sin[0] = 2;
        BinaryPrimitives.WriteUInt16BigEndian(sin.AsSpan(2), port);
        BinaryPrimitives.WriteUInt32LittleEndian(sin.AsSpan(4), ipv4);
        return Udp.SendToAsync(fd, reply, 0, sin, ct);
    }
}
