// A PostgreSQL-style driver captures its wire traffic through one static BinaryWriter; the offloaded send wrapper
// appends each frame under a lock, so frames from concurrent workers land whole and in some order.
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round38.SharedState.WireCaptureUnderLock;

internal static class Native
{
    [DllImport("libc", EntryPoint = "send", SetLastError = true)]
    internal static extern nint Send(int fd, byte[] buffer, nint length, int flags);
}

public static partial class CapturingTransport
{
    private static readonly object s_captureGate = new();
    private static readonly BinaryWriter s_capture = new(new MemoryStream());

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int SendFrame(int fd, byte[] frame, int length)
    {
        lock (s_captureGate)
        {
            s_capture.Write(frame, 0, length);
        }

        return (int)Native.Send(fd, frame, length, 0);
    }
}
