// A PostgreSQL-style driver can capture its wire traffic for debugging: every frame sent through the offloaded blocking
// send wrapper (run on AsyncSys workers, several at once for pipelined connections) is appended to one static
// BinaryWriter over a MemoryStream. Two workers appending at once interleave bytes and race on the stream's position:
// the capture cannot be replayed.
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round38.SharedState.WireCaptureBinaryWriter;

internal static class Native
{
    [DllImport("libc", EntryPoint = "send", SetLastError = true)]
    internal static extern nint Send(int fd, byte[] buffer, nint length, int flags);
}

public static partial class CapturingTransport
{
    private static readonly BinaryWriter s_capture = new(new MemoryStream());

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int SendFrame(int fd, byte[] frame, int length)
    {
        /*~ASYS1003*/s_capture.Write(frame, 0, length);
        return (int)Native.Send(fd, frame, length, 0);
    }
}
