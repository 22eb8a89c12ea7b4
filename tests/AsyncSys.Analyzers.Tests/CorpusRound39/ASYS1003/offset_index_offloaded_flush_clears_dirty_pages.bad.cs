// A memory-mapped offset index tracks the pages appenders dirtied and flushes them with msync from an offloaded instance
// wrapper. The flush runs on a worker while appenders keep calling MarkDirty on their own threads, and the periodic
// flusher may start a second flush before the first ends: the unsynchronized List is enumerated while it changes, and
// Clear drops pages dirtied during the msync loop, so those index entries are never flushed before a crash.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round39.SharedState.OffsetIndexDirtyPages;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "msync", SetLastError = true)]
    internal static extern int Msync(void* address, nuint length, int flags);
}

public sealed unsafe partial class OffsetIndex
{
    private const int PageSize = 4096;
    private const int MsSync = 4;
    private readonly byte* _mapped;
    private readonly List<long> _dirtyPages = new();

    public OffsetIndex(byte* mapped) => _mapped = mapped;

    public void MarkDirty(long page) => _dirtyPages.Add(page);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int FlushDirty()
    {
        foreach (long page in _dirtyPages)
        {
            int rc = Native.Msync(_mapped + (page * PageSize), PageSize, MsSync);
            if (rc != 0)
            {
                return rc;
            }
        }

        /*~ASYS1003*/_dirtyPages.Clear();
        return 0;
    }
}
