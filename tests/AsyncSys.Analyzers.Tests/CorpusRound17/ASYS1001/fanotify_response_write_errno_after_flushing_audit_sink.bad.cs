// An endpoint agent answers fanotify permission events by writing a fanotify_response { fd, FAN_ALLOW/FAN_DENY }. When
// the write fails it first awaits its audit sink's flush (the decision must be on disk) and then checks errno for ENOENT
// (the event already timed out in the kernel). After the await another thread's saved error is read: a real failure
// (EBADF on a closed group fd) is ignored and the agent keeps answering into a dead group while opens hang.
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace Round17.Errno.FanotifyResponseAfterFlush;

internal static class Native
{
    internal const int ENOENT = 2;

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static extern nint Write(int fd, byte[] buffer, nint count);
}

public sealed class PermissionResponder(int fanotifyFd, Stream auditSink)
{
    public async Task AnswerAsync(byte[] response)
    {
        nint written = Native.Write(fanotifyFd, response, response.Length);
        if (written < 0)
        {
            await auditSink.FlushAsync();
            if (/*~ASYS1001*/Marshal.GetLastPInvokeError() != Native.ENOENT)
            {
                throw new IOException("fanotify response failed");
            }
        }
    }
}
