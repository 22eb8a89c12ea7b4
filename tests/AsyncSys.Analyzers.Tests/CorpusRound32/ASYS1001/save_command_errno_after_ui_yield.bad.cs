// An async Save command (run on the UI thread) truncates the document file; on failure it first yields so the status
// bar can repaint "Saving failed", then reads errno for the dialog. After the await the method may run on another
// thread (or after other UI work ran P/Invokes on this one): the errno shown is not ftruncate's.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace Round32.Errno.SaveCommandAfterYield;

internal static class Native
{
    [DllImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    internal static extern int Ftruncate(int fd, long length);
}

public sealed class SaveCommand(Action<string> setStatus, Func<string, int, Task> showErrorDialog)
{
    public async Task ExecuteAsync(int documentFd, long length)
    {
        int rc = Native.Ftruncate(documentFd, length);
        if (rc < 0)
        {
            setStatus("Saving failed");
            await Task.Yield();
            await showErrorDialog("Could not truncate the document", /*~ASYS1001*/Marshal.GetLastPInvokeError());
        }
    }
}
