// A CAN gateway counts frames and bytes per channel in a static array of structs, updated in the offloaded send
// wrapper. Frames for one channel sent by two workers at once both read, add and store the same element's fields:
// the per-channel statistics the fleet dashboard shows undercount under load.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round22.SharedState.CanChannelStatsArray;

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
            /*~ASYS1003*/Stats[channel].Frames++;
            /*~ASYS1003*/Stats[channel].Bytes += n;
        }

        return n;
    }
}
