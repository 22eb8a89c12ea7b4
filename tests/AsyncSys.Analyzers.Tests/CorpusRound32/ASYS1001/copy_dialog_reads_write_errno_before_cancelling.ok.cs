// The copy dialog made right: errno is taken right after the failed pwrite, before the batch is cancelled.
using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Round32.Errno.CopyDialogErrnoBeforeCancel;

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
            int errno = Marshal.GetLastPInvokeError();
            batchCancel.Cancel();
            showError("Could not copy " + name, errno);
            return false;
        }

        return true;
    }
}
