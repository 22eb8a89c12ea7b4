// The CAN channel statistics, made right: each field of the shared element is updated atomically, so sends on any
// number of workers add up. The frame and its length are the call's own.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round22.SharedState.CanChannelStatsInterlocked;

internal static class Native
{
    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    public static extern nint write(int fd, byte[] frame, nuint count);
}

public struct ChannelStats
{
    public long Frames;
    public long Bytes;
}

public static partial class CanChannels
{
    public static readonly ChannelStats[] Stats = new ChannelStats[4];

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint SendFrame(int channel, int socketFd, byte[] frame)
    {
        nint n = Native.write(socketFd, frame, (nuint)frame.Length);
        if (n > 0)
        {
            Interlocked.Increment(ref Stats[channel].Frames);
            Interlocked.Add(ref Stats[channel].Bytes, n);
        }

        return n;
    }
}
