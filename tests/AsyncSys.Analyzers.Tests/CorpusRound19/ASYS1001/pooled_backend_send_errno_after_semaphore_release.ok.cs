// A pooled backend connection is shared by request threads; a send holds a slot of a SemaphoreSlim and gives it back in
// a finally before errno is read for EPIPE (reconnect). Release only signals (it makes no P/Invoke that saves an
// error), so the error read is still the send's.
using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Round19.Errno.PooledSendSemaphore;

internal static class Native
{
    [DllImport("libc", EntryPoint = "send", SetLastError = true)]
    internal static extern nint Send(int fd, byte[] buffer, nuint length, int flags);
}

public sealed class BackendConnection(int fd)
{
    private const int MSG_NOSIGNAL = 0x4000, EPIPE = 32;
    private readonly SemaphoreSlim _writeSlot = new(1, 1);

    public bool NeedsReconnect { get; private set; }

    public nint SendFrame(byte[] frame)
    {
        nint sent;
        _writeSlot.Wait();
        try
        {
            sent = Native.Send(fd, frame, (nuint)frame.Length, MSG_NOSIGNAL);
        }
        finally
        {
            _writeSlot.Release();
        }

        if (sent < 0 && Marshal.GetLastPInvokeError() == EPIPE)
        {
            NeedsReconnect = true;
        }

        return sent;
    }
}
