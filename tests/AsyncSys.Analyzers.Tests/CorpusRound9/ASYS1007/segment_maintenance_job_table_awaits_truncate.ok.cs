using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Blocking.SegmentJobsOk;

internal static partial class Files
{
    [DllImport("libc", SetLastError = true)]
    [AsyncSyscall]
    public static extern int ftruncate(int fd, long length);
}

/// <summary>A segment maintenance worker runs named jobs from a table of async handlers; the trim awaits the truncate's variant.</summary>
internal sealed class SegmentMaintenance(IoRing ring)
{
    private const int FALLOC_FL_KEEP_SIZE = 1;
    private const int FALLOC_FL_PUNCH_HOLE = 2;

    private readonly Dictionary<string, Func<int, long, CancellationToken, Task>> _jobs = new()
    {
        ["trim"] = async (fd, length, cancellationToken) =>
        {
            await ring.FdatasyncAsync(fd, cancellationToken);
            await Files.ftruncateAsync(ring, fd, length, cancellationToken);
        },
        ["punch"] = async (fd, length, cancellationToken) =>
        {
            await ring.FallocateAsync(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, length, cancellationToken);
        },
    };

    public Task RunAsync(string job, int fd, long length, CancellationToken cancellationToken) =>
        _jobs.TryGetValue(job, out var handler) ? handler(fd, length, cancellationToken) : throw new ArgumentException($"unknown job '{job}'", nameof(job));
}
