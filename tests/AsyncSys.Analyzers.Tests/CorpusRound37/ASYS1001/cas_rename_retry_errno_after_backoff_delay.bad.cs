// A content-addressed cache publishes a blob by rename(tmp, final); on failure it waits a backoff on the ring and then
// decides from errno whether to retry (EBUSY) or to copy across file systems (EXDEV). After the awaited delay errno is
// another thread's: the cache retries forever or copies needlessly.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.Errno.CasRenameAfterDelay;

internal static class Native
{
    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    internal static extern int Rename(string from, string to);
}

public sealed class BlobPublisher(IoRing ring)
{
    private const int EBusy = 16;

    public async Task<bool> PublishAsync(string temporary, string final, CancellationToken ct)
    {
        for (int attempt = 0; attempt < 5; attempt++)
        {
            if (Native.Rename(temporary, final) == 0)
            {
                return true;
            }

            await ring.DelayAsync(TimeSpan.FromMilliseconds(10 << attempt), ct);
            if (/*~ASYS1001*/Marshal.GetLastPInvokeError() != EBusy)
            {
                return false;
            }
        }

        return false;
    }
}
