// A mount watcher is a primary-constructor class capturing the ring and the mount point. After a failed statfs it awaits a ring delay as a back-off and only then reads the saved error: the continuation may run on another pool thread, whose saved error belongs to some other call.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.PrimaryCtorErrnoAfterDelayBad;

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

        await ring.DelayAsync(TimeSpan.FromMilliseconds(50), ct).ConfigureAwait(false);
        return /*~ASYS1001*/Marshal.GetLastPInvokeError();
    }
}
