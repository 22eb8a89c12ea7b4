using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round9.Shared.PageCacheFaultOk;

/// <summary>A page cache faults a missing page in through an offloaded pread; a busy frame table is counted atomically.</summary>
internal sealed partial class PageCache(int fd, int pageSize)
{
    private readonly object _frames = new();
    private readonly Dictionary<long, byte[]> _resident = new();
    private long _contended;

    [DllImport("libc", SetLastError = true)]
    private static extern nint pread(int fd, byte[] buffer, nuint count, long offset);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Fault(long pageId)
    {
        byte[] frame = new byte[pageSize];
        nint n = pread(fd, frame, (nuint)frame.Length, pageId * pageSize);
        if (n < 0)
        {
            return -1;
        }

        if (Monitor.TryEnter(_frames, TimeSpan.FromMilliseconds(2)))
        {
            try
            {
                _resident[pageId] = frame;
            }
            finally
            {
                Monitor.Exit(_frames);
            }
        }
        else
        {
            Interlocked.Increment(ref _contended);
        }

        return (int)n;
    }

    public long Contended => Interlocked.Read(ref _contended);
}
