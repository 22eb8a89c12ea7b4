// A reconnecting client migrated from callbacks: when the non-blocking connect(2) fails it reads errno at once, on the thread that made the call, and only hands the number to the callback it queues to the thread pool.
using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Corpus48.ReconnectCallbackOk;

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
            int errno = Marshal.GetLastPInvokeError();
            ThreadPool.QueueUserWorkItem(_ =>
            {
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
