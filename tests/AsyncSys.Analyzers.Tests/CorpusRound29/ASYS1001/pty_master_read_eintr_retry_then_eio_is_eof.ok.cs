// A pty reader on a dedicated thread retries read(2) on the master while it fails with EINTR (a SIGWINCH or SIGCHLD
// arrived) and treats EIO as end of session (the last slave fd closed when the shell exited). errno is read right after
// the failed read in the loop's condition and again right after the loop, before anything else runs: both reads are the
// read's error.
using System;
using System.Runtime.InteropServices;

namespace Round29.Errno.PtyReadRetryThenEio;

internal static unsafe class Native
{
    internal const int EINTR = 4, EIO = 5;

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static extern nint Read(int fd, byte* buffer, nuint count);
}

public sealed class PtyOutputReader(int masterFd, Action<ReadOnlyMemory<byte>> onOutput)
{
    private readonly byte[] _chunk = new byte[4096];

    public unsafe bool PumpOnce()
    {
        nint n;
        fixed (byte* p = _chunk)
        {
            do
            {
                n = Native.Read(masterFd, p, (nuint)_chunk.Length);
            }
            while (n < 0 && Marshal.GetLastPInvokeError() == Native.EINTR);
        }

        if (n < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == Native.EIO)
            {
                return false;
            }

            throw new InvalidOperationException("read on pty master failed: " + Marshal.GetPInvokeErrorMessage(errno));
        }

        if (n == 0)
        {
            return false;
        }

        onOutput(_chunk.AsMemory(0, (int)n));
        return true;
    }
}
