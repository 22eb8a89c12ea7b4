// The serial frame source made right: the frame-size list is changed only under the source's lock, so the reader loop
// and the shutdown drain can run the offloaded read at the same time.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round26.SharedState.SerialFrameSizesLocked;

internal static class Native
{
    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static extern nint Read(int fd, byte[] buffer, nint count);
}

public sealed partial class SerialFrameSource
{
    private readonly int _fd;
    private readonly object _gate = new();
    private readonly List<int> _frameSizes = new();

    public SerialFrameSource(int fd) => _fd = fd;

    public int[] FrameSizes()
    {
        lock (_gate)
        {
            return _frameSizes.ToArray();
        }
    }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public nint ReadFrame(byte[] frame, nint count)
    {
        nint n = Native.Read(_fd, frame, count);
        if (n > 0)
        {
            lock (_gate)
            {
                _frameSizes.Add((int)n);
            }
        }

        return n;
    }
}
