// The same offset index flush, taking the dirty pages out under the index's lock (appenders mark pages under it too) and
// flushing the copy, which belongs to this call alone.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round39.SharedState.OffsetIndexDirtyPagesLocked;

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
    private readonly object _gate = new();
    private readonly List<long> _dirtyPages = new();

    public OffsetIndex(byte* mapped) => _mapped = mapped;

    public void MarkDirty(long page)
    {
        lock (_gate)
        {
            _dirtyPages.Add(page);
        }
    }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int FlushDirty()
    {
        long[] pages;
        lock (_gate)
        {
            pages = _dirtyPages.ToArray();
            _dirtyPages.Clear();
        }

        foreach (long page in pages)
        {
            int rc = Native.Msync(_mapped + (page * PageSize), PageSize, MsSync);
            if (rc != 0)
            {
                lock (_gate)
                {
                    _dirtyPages.AddRange(pages);
                }

                return rc;
            }
        }

        return 0;
    }
}
