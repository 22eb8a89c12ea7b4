// A serial frame source records the size of every frame it reads (for a histogram) in a List<int> field, from its
// offloaded instance read wrapper. One source is shared by a reader loop and a "drain what is left" task on shutdown:
// two workers call List.Add on the same list at once, which can lose sizes or corrupt the list's count.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round26.SharedState.SerialFrameSizesList;

internal static class Native
{
    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static extern nint Read(int fd, byte[] buffer, nint count);
}

public sealed partial class SerialFrameSource
{
    private readonly int _fd;
    private readonly List<int> _frameSizes = new();

    public SerialFrameSource(int fd) => _fd = fd;

    public IReadOnlyList<int> FrameSizes => _frameSizes;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public nint ReadFrame(byte[] frame, nint count)
    {
        nint n = Native.Read(_fd, frame, count);
        if (n > 0)
        {
            /*~ASYS1003*/_frameSizes.Add((int)n);
        }

        return n;
    }
}
