// The client table kept in a plain Dictionary, made right: the offloaded receive wrapper stamps "last heard from"
// inside a lock shared with the idle sweep, so concurrent workers never insert at once.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round33.Shared.RecvfromLastSeenLocked;

internal static class Native
{
    [DllImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
    internal static extern nint RecvFrom(int fd, byte[] buffer, nint length, int flags, byte[] address, ref uint addressLength);
}

public sealed partial class ClientTable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ulong, long> _lastSeenMs = new();

    public bool IsIdle(ulong client, long nowMs, long limitMs)
    {
        lock (_gate)
        {
            return !_lastSeenMs.TryGetValue(client, out long seen) || nowMs - seen > limitMs;
        }
    }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public nint ReceiveFrom(int fd, byte[] datagram, byte[] source)
    {
        uint sourceLength = (uint)source.Length;
        nint n = Native.RecvFrom(fd, datagram, datagram.Length, 0, source, ref sourceLength);
        if (n >= 0)
        {
            ulong client = BitConverter.ToUInt64(source, 0);
            lock (_gate)
            {
                _lastSeenMs[client] = Environment.TickCount64;
            }
        }

        return n;
    }
}
