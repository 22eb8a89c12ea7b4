// A netlink client stamps every request with the next sequence number (nlmsg_seq) inside its offloaded send wrapper,
// from a plain field. Requests sent in parallel on AsyncSys workers read and bump the field at the same time: two
// requests go out with the same sequence, and their replies (matched by nlmsg_seq) are handed to the wrong waiter.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round31.SharedState.NetlinkSequenceField;

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
        uint sequence = /*~ASYS1003*/++_sequence;
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(8), sequence);
        return Native.Send(netlinkFd, request, length, 0);
    }
}
