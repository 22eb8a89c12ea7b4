// The mount watcher saves statfs's error before the back-off's await and returns the saved value.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.PrimaryCtorErrnoAfterDelayOk;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "statfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Statfs(string path, byte[] buffer);
}

internal sealed class MountWatcher(IoRing ring, string mountPoint)
{
    public async Task<int> ProbeAsync(CancellationToken ct)
    {
        byte[] statfs = new byte[120];
        int rc = Native.Statfs(mountPoint, statfs);
        if (rc == 0)
        {
            return 0;
        }

        int errno = Marshal.GetLastPInvokeError();
        await ring.DelayAsync(TimeSpan.FromMilliseconds(50), ct).ConfigureAwait(false);
        return errno;
    }
}
