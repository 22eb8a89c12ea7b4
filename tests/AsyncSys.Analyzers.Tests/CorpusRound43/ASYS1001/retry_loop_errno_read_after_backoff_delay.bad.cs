// A broker's journal flush retries fdatasync with Task.Delay backoff and reads errno after the loop, on whatever thread the last delay resumed on.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Broker.Journal;

internal static partial class Sys
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    internal static partial int FdataSync(int fd);
}

public sealed class JournalFlusher
{
    private const int EINTR = 4;
    private readonly int _fd;

    public JournalFlusher(int fd) => _fd = fd;

    public async Task<int> FlushWithRetryAsync(CancellationToken ct)
    {
        for (int attempt = 0; attempt < 4; attempt++)
        {
            int rc = Sys.FdataSync(_fd);
            if (rc == 0)
            {
                return 0;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25 << attempt), ct);
        }

        int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
        return errno == EINTR ? -EINTR : -errno;
    }
}
