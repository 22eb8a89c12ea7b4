// A protocol library can capture the raw bytes it receives for debugging: its offloaded read wrapper copies what it read
// into one static MemoryStream. Reads of several connections run on several workers at once; MemoryStream is not
// thread-safe, so captures interleave mid-frame, or its position and length go wrong and bytes are overwritten.
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round26.SharedState.WireCaptureMemoryStream;

internal static class Native
{
    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static extern nint Read(int fd, byte[] buffer, nint count);
}

public static partial class WireCapture
{
    private static readonly MemoryStream s_capture = new();

    public static bool Enabled { get; set; }

    public static byte[] Snapshot() => s_capture.ToArray();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint ReadCaptured(int fd, byte[] buffer, nint count)
    {
        nint n = Native.Read(fd, buffer, count);
        if (n > 0 && Enabled)
        {
            /*~ASYS1003*/s_capture.Write(buffer, 0, (int)n);
        }

        return n;
    }
}
