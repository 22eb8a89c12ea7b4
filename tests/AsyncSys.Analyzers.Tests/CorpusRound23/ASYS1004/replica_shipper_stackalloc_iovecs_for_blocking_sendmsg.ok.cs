// A shipper for the synchronous replication path keeps its iovecs and msghdr on the stack and calls sendmsg directly:
// the call returns before the frame ends, so the kernel is done with the stack memory in time.
using System.Runtime.InteropServices;

namespace Round23.StackMemory.ReplicaBlockingSendmsg;

[StructLayout(LayoutKind.Sequential)]
internal struct IoVec
{
    public nint Base;
    public nuint Length;
}

[StructLayout(LayoutKind.Sequential)]
internal struct MsgHdr
{
    public nint Name;
    public uint NameLength;
    public nint Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    internal static extern nint SendMsg(int fd, MsgHdr* message, int flags);
}

public static unsafe class BlockingReplicaShipper
{
    public static nint Ship(int followerFd, nint batchHeader, nuint headerLength, nint records, nuint recordsLength)
    {
        IoVec* iov = stackalloc IoVec[2];
        iov[0] = new IoVec { Base = batchHeader, Length = headerLength };
        iov[1] = new IoVec { Base = records, Length = recordsLength };
        MsgHdr message = new() { Iov = (nint)iov, IovLength = 2 };
        return Native.SendMsg(followerFd, &message, 0);
    }
}
