// A reverse proxy's synchronous relay pump (one per event-loop thread) moves client bytes into a pipe with splice. When
// splice fails it writes an access-log line first and only then reads errno to tell EAGAIN (wait for the next readiness
// event) from a real error; the log write has replaced the saved errno by then, so a drained socket is taken for a
// broken one and the client connection is torn down.
using System.IO;
using System.Runtime.InteropServices;

namespace Round19.Errno.SpliceRelayAccessLog;

internal static class Native
{
    [DllImport("libc", EntryPoint = "splice", SetLastError = true)]
    internal static extern nint Splice(int fdIn, nint offIn, int fdOut, nint offOut, nuint length, uint flags);
}

public sealed class RelayPump(int clientFd, int pipeWriteFd, TextWriter accessLog)
{
    private const uint SPLICE_F_MOVE = 1, SPLICE_F_NONBLOCK = 2;
    private const int EAGAIN = 11;

    /// <summary>Returns false when the connection must be closed.</summary>
    public bool PumpOnce(out long moved)
    {
        nint n = Native.Splice(clientFd, 0, pipeWriteFd, 0, 65536, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
        if (n < 0)
        {
            accessLog.WriteLine($"relay {clientFd}: splice into pipe failed");
            int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
            moved = 0;
            return errno == EAGAIN;
        }

        moved = n;
        return n > 0;
    }
}
