// A document autosaver serializes saves with a SemaphoreSlim; the fsync runs while the slot is held, the slot is
// released in finally, and errno is read after that. SemaphoreSlim.Release makes no P/Invoke (no code here takes its
// AvailableWaitHandle), so the saved errno is still fsync's.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Round32.Errno.AutosaveReleaseBeforeErrno;

internal static class Native
{
    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    internal static extern int Fsync(int fd);
}

public sealed class Autosaver
{
    private readonly SemaphoreSlim _saveGate = new(1, 1);

    public async Task<int> FlushAsync(int documentFd)
    {
        await _saveGate.WaitAsync();
        int rc;
        try
        {
            rc = Native.Fsync(documentFd);
        }
        finally
        {
            _saveGate.Release();
        }

        return rc < 0 ? -Marshal.GetLastPInvokeError() : 0;
    }
}
