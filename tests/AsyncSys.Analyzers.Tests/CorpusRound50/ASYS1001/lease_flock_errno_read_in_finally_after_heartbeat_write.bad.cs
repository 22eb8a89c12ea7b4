// A lease service takes an advisory lock on its lease file with flock, then (whether or not it got it) awaits a heartbeat write to the same file in a try; the finally reads errno to log why the lock failed, after the write's await, on whatever thread resumed.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.LeaseFinallyBad;

internal static partial class Native
{
    internal const int LOCK_EX = 2;
    internal const int LOCK_NB = 4;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(int fd, int operation);
}

internal sealed class LeaseService(IoRing ring, int leaseFd, Action<string> log)
{
    private readonly byte[] _heartbeat = new byte[16];

    public async Task<bool> RenewAsync(long now, CancellationToken ct)
    {
        int rc = Native.Flock(leaseFd, Native.LOCK_EX | Native.LOCK_NB);
        try
        {
            BitConverter.TryWriteBytes(_heartbeat, now);
            await ring.WriteAsync(leaseFd, _heartbeat, 0, ct).ConfigureAwait(false);
            return rc == 0;
        }
        finally
        {
            if (rc != 0)
            {
                log("lease lock not taken, errno " + /*~ASYS1001*/Marshal.GetLastPInvokeError());
            }
        }
    }
}
