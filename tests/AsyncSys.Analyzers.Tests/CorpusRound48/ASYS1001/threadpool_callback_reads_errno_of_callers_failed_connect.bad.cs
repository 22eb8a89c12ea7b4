// A reconnecting client migrated from callbacks: when the non-blocking connect(2) fails it queues the error report to the thread pool, and the queued callback reads errno there, on a pool thread that made no connect (its saved error is whatever that thread's last P/Invoke left).
using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Corpus48.ReconnectCallbackBad;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    internal static partial int Connect(int fd, byte* address, int length);
}

internal sealed class Reconnector(int socket, byte[] address, Action<int, string> onError)
{
    private const int EINPROGRESS = 115;

    public unsafe bool TryConnect()
    {
        int rc;
        fixed (byte* a = address)
        {
            rc = Native.Connect(socket, a, address.Length);
        }

        if (rc < 0)
        {
            ThreadPool.QueueUserWorkItem(_ =>
            {
                int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
                if (errno != EINPROGRESS)
                {
                    onError(errno, "connect failed");
                }
            });
            return false;
        }

        return true;
    }
}
