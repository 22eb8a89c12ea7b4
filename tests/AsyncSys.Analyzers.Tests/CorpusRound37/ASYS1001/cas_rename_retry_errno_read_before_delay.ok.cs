// The same publisher, errno read right after the failed rename, before the backoff is awaited.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.Errno.CasRenameBeforeDelay;

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

            if (Marshal.GetLastPInvokeError() != EBusy)
            {
                return false;
            }

            await ring.DelayAsync(TimeSpan.FromMilliseconds(10 << attempt), ct);
        }

        return false;
    }
}
