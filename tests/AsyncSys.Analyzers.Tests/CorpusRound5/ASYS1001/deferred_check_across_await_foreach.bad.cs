using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Round5.Errno.DeferredCheck;

internal static class Native
{
    [DllImport("libc", SetLastError = true)]
    public static extern int fsync(int fd);
}

internal sealed class SyncWorker(ChannelReader<int> dirtyFiles)
{
    public List<(int Fd, int Errno)> Failures { get; } = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        int lastFd = -1;
        int lastResult = 0;
        await foreach (int fd in dirtyFiles.ReadAllAsync(cancellationToken))
        {
            // The previous file's failure is recorded once the next one arrives: the await of the loop came in between.
            if (lastResult < 0)
            {
                Failures.Add((lastFd, /*~ASYS1001*/Marshal.GetLastPInvokeError()));
            }

            lastFd = fd;
            lastResult = Native.fsync(fd);
        }
    }
}
