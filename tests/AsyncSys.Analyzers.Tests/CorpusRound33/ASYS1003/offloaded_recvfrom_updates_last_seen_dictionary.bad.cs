// A client table's receive wrapper (recvfrom, offloaded to a worker) stamps "last heard from" per source address in a
// plain Dictionary field so the idle sweep can drop silent clients. With one receive per SO_REUSEPORT socket in flight
// at once, two workers insert into the Dictionary together: its buckets get corrupted, a lookup loops or throws, and
// the sweep drops live players.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round33.Shared.RecvfromLastSeen;

internal static class Native
{
    [DllImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
    internal static extern nint RecvFrom(int fd, byte[] buffer, nint length, int flags, byte[] address, ref uint addressLength);
}

public sealed partial class ClientTable
{
    private readonly Dictionary<ulong, long> _lastSeenMs = new();

    public bool IsIdle(ulong client, long nowMs, long limitMs) =>
        !_lastSeenMs.TryGetValue(client, out long seen) || nowMs - seen > limitMs;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public nint ReceiveFrom(int fd, byte[] datagram, byte[] source)
    {
        uint sourceLength = (uint)source.Length;
        nint n = Native.RecvFrom(fd, datagram, datagram.Length, 0, source, ref sourceLength);
        if (n >= 0)
        {
            ulong client = BitConverter.ToUInt64(source, 0);
            /*~ASYS1003*/_lastSeenMs[client] = Environment.TickCount64;
        }

        return n;
    }
}
