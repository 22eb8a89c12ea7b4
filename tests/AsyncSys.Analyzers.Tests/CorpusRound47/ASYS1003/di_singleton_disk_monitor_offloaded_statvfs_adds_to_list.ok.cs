// A DI singleton disk monitor declares an offloaded statvfs wrapper as an instance method that records each sample in a ConcurrentQueue; the hosted probe runs the wrapper for every mount at once with Parallel.ForEachAsync.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus47.DiskMonitorOk;

[StructLayout(LayoutKind.Sequential)]
internal struct StatVfsBuffer
{
    public ulong f_bsize;
    public ulong f_frsize;
    public ulong f_blocks;
    public ulong f_bfree;
    public ulong f_bavail;
    public ulong f_files;
    public ulong f_ffree;
    public ulong f_favail;
    public ulong f_fsid;
    public ulong f_flag;
    public ulong f_namemax;
    public int f_type;
    public unsafe fixed int f_spare[5];
}

internal sealed record DiskSample(string Mount, ulong AvailableBytes, DateTime At);

/// <summary>Registered as a singleton: every scope and the hosted probe below share one instance.</summary>
internal sealed unsafe partial class DiskMonitor
{
    private readonly ConcurrentQueue<DiskSample> _history = new();

    [LibraryImport("libc", EntryPoint = "statvfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatVfs(string path, StatVfsBuffer* buffer);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal int Probe(string mount)
    {
        StatVfsBuffer stat;
        int rc = StatVfs(mount, &stat);
        if (rc == 0)
        {
            _history.Enqueue(new DiskSample(mount, stat.f_bavail * stat.f_frsize, DateTime.UtcNow));
        }

        return rc;
    }

    public int SampleCount => _history.Count;
}

internal sealed class DiskProbeService(DiskMonitor monitor, IReadOnlyList<string> mounts)
{
    public Task ProbeAllAsync(CancellationToken ct) =>
        Parallel.ForEachAsync(mounts, ct, async (mount, token) => await monitor.ProbeAsync(mount, token).ConfigureAwait(false));
}
