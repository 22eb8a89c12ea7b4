// The client table made right: "last heard from" is kept in a ConcurrentDictionary, made for concurrent writers, so
// receives offloaded to several workers at once stamp their clients safely.
using System;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round33.Shared.RecvfromLastSeenConcurrent;

internal static class Native
{
    [DllImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
    internal static extern nint RecvFrom(int fd, byte[] buffer, nint length, int flags, byte[] address, ref uint addressLength);
}

public sealed partial class ClientTable
{
    private readonly ConcurrentDictionary<ulong, long> _lastSeenMs = new();

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
            _lastSeenMs[client] = Environment.TickCount64;
        }

        return n;
    }
}
