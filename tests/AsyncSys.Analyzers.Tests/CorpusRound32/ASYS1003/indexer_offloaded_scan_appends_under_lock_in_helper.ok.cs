// The indexer made right: the helper that records the fd takes the list's lock itself; the wrapper also fills a fresh
// per-call record that nobody else sees.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round32.Shared.IndexerRecentListLocked;

internal static class Native
{
    [DllImport("libc", EntryPoint = "lseek", SetLastError = true)]
    internal static extern long Lseek(int fd, long offset, int whence);
}

internal sealed class Probe
{
    public int Fd;
    public long End;
}

public sealed partial class Indexer
{
    private readonly object _gate = new();
    private readonly List<int> _recentlyIndexed = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public long Measure(int fd)
    {
        var probe = new Probe { Fd = fd };
        probe.End = Native.Lseek(fd, 0, 2);
        Remember(probe.Fd);
        return probe.End;
    }

    private void Remember(int fd)
    {
        lock (_gate)
        {
            _recentlyIndexed.Add(fd);
        }
    }
}
