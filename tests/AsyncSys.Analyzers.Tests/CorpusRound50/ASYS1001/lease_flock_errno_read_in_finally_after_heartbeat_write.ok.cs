// A lease service takes an advisory lock on its lease file with flock and keeps errno in a local right after the call, then awaits a heartbeat write in a try; the finally logs the saved number.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.LeaseFinallyOk;

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
        int errno = rc != 0 ? Marshal.GetLastPInvokeError() : 0;
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
                log("lease lock not taken, errno " + errno);
            }
        }
    }
}
