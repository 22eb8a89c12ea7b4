// The wire capture made right: the offloaded read wrapper queues a copy of what it read on a ConcurrentQueue (made for
// many writers); whoever dumps the capture drains the queue on one thread.
using System;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round26.SharedState.WireCaptureQueue;

internal static class Native
{
    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static extern nint Read(int fd, byte[] buffer, nint count);
}

public static partial class WireCapture
{
    private static readonly ConcurrentQueue<byte[]> s_capture = new();

    public static bool Enabled { get; set; }

    public static bool TryTake(out byte[]? chunk) => s_capture.TryDequeue(out chunk);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint ReadCaptured(int fd, byte[] buffer, nint count)
    {
        nint n = Native.Read(fd, buffer, count);
        if (n > 0 && Enabled)
        {
            s_capture.Enqueue(buffer.AsSpan(0, (int)n).ToArray());
        }

        return n;
    }
}
