// A copy dialog copies several dropped files with synchronous pwrite on a worker; when one write fails it cancels the
// whole batch (the dialog's CancellationTokenSource) and then reads errno for the error dialog. Cancel runs the
// registered callbacks synchronously (here: closing the other files' descriptors), whose close(2) calls replace the
// saved errno: ENOSPC is shown as "Success" or EBADF.
using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Round32.Errno.CopyDialogCancelBeforeErrno;

internal static class Native
{
    [DllImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    internal static extern nint Pwrite(int fd, byte[] buffer, nuint count, long offset);
}

public sealed class CopyBatch(CancellationTokenSource batchCancel, Action<string, int> showError)
{
    public bool WriteChunk(int destinationFd, byte[] chunk, int length, long offset, string name)
    {
        nint n = Native.Pwrite(destinationFd, chunk, (nuint)length, offset);
        if (n < 0)
        {
            batchCancel.Cancel();
            showError("Could not copy " + name, /*~ASYS1001*/Marshal.GetLastPInvokeError());
            return false;
        }

        return true;
    }
}
