// A pty output pump on a dedicated thread reads the master with read(2); when the read fails it first checks whether
// the session is being cancelled (the master is closed from another thread on cancel, so EBADF is expected then), and
// otherwise reads errno to tell EIO (the shell exited) from a real error. The token check is a property read that makes
// no native call: errno is still the read's.
using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Round29.Errno.PtyPumpCancellationCheck;

internal static unsafe class Native
{
    internal const int EIO = 5;

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static extern nint Read(int fd, byte* buffer, nuint count);
}

public sealed class PtyPump(int masterFd, Action<ReadOnlyMemory<byte>> onOutput)
{
    private readonly byte[] _chunk = new byte[4096];

    public unsafe void Run(CancellationToken ct)
    {
        while (true)
        {
            nint n;
            fixed (byte* p = _chunk)
            {
                n = Native.Read(masterFd, p, (nuint)_chunk.Length);
            }

            if (n < 0)
            {
                if (ct.IsCancellationRequested)
                {
                    return;
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno == Native.EIO)
                {
                    return;
                }

                throw new InvalidOperationException("pty read failed: " + Marshal.GetPInvokeErrorMessage(errno));
            }

            if (n == 0)
            {
                return;
            }

            onOutput(_chunk.AsMemory(0, (int)n));
        }
    }
}
