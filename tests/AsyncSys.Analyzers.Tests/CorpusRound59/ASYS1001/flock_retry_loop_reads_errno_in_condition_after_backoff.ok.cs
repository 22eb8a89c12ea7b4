// The lock-file helper saves flock's errno right after the failed call, before the back-off's await, and the do/while condition tests the saved value.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus59.FlockRetryConditionOk;

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
        int errno;
        int attempt = 0;
        do
        {
            int rc = Native.Flock(fd, Native.LockEx | Native.LockNb);
            if (rc == 0)
            {
                return;
            }

            errno = Marshal.GetLastPInvokeError();
            await Task.Delay(Math.Min(10 << attempt++, 500), ct).ConfigureAwait(false);
        }
        while (errno is Ewouldblock or Eintr);

        throw new IOException("flock failed after " + attempt + " attempts, errno " + errno);
    }
}
