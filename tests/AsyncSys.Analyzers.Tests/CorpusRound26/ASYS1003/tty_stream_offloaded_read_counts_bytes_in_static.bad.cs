// A terminal/serial Stream reads through an offloaded read wrapper (a tty blocks, so it runs on a worker) and keeps a
// process-wide byte count for its statistics page with a plain `+=`. Concurrent reads of several ttys run on several
// workers at once: the read-modify-write interleaves and the count loses bytes.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round26.SharedState.TtyReadStaticCounter;

internal static class Native
{
    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static extern nint Read(int fd, byte[] buffer, nint count);
}

public static partial class Tty
{
    private static long s_bytesRead;

    public static long BytesRead => s_bytesRead;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint ReadChunk(int ttyFd, byte[] buffer, nint count)
    {
        nint n = Native.Read(ttyFd, buffer, count);
        if (n > 0)
        {
            /*~ASYS1003*/s_bytesRead += n;
        }

        return n;
    }
}
