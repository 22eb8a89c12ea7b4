// A lock-file helper takes an exclusive flock without blocking and, while another process holds it, backs off with Task.Delay and tries again. The do/while condition asks Marshal.GetLastPInvokeError() whether the failure was EWOULDBLOCK or EINTR, but the condition runs after the await: the continuation is on some pool thread whose saved error is whatever its last P/Invoke left, so the loop may stop on a held lock or spin on a real error.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus59.FlockRetryConditionBad;

internal static partial class Native
{
    internal const int LockEx = 2;
    internal const int LockNb = 4;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(int fd, int operation);
}

internal sealed class LockFile(int fd)
{
    private const int Eintr = 4;
    private const int Ewouldblock = 11;

    public async Task AcquireAsync(CancellationToken ct)
    {
        int rc;
        int attempt = 0;
        do
        {
            rc = Native.Flock(fd, Native.LockEx | Native.LockNb);
            if (rc == 0)
            {
                return;
            }

            await Task.Delay(Math.Min(10 << attempt++, 500), ct).ConfigureAwait(false);
        }
        while (/*~ASYS1001*/Marshal.GetLastPInvokeError() is Ewouldblock or Eintr);

        throw new IOException("flock failed after " + attempt + " attempts");
    }
}
