// The netlink request stamping made right: the sequence number is taken with Interlocked.Increment, so parallel sends
// on AsyncSys workers each get a number of their own and replies are matched to the right request.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round31.SharedState.NetlinkSequenceInterlocked;

internal static class Native
{
    [DllImport("libc", EntryPoint = "send", SetLastError = true)]
    internal static extern nint Send(int fd, byte[] buffer, nint length, int flags);
}

public sealed partial class NetlinkRequester(int netlinkFd)
{
    private uint _sequence;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public nint SendRequest(byte[] request, int length)
    {
        uint sequence = Interlocked.Increment(ref _sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(8), sequence);
        return Native.Send(netlinkFd, request, length, 0);
    }
}
