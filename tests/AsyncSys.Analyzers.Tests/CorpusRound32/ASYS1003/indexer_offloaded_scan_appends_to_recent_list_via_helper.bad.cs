// A desktop search indexer's offloaded fstat-like probe records each indexed fd in the instance's "recently indexed"
// list through a small helper. Workers run the wrapper for many files at once; List<T>.Add from two threads loses
// entries or throws while the list grows.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round32.Shared.IndexerRecentListHelper;

internal static class Native
{
    [DllImport("libc", EntryPoint = "lseek", SetLastError = true)]
    internal static extern long Lseek(int fd, long offset, int whence);
}

public sealed partial class Indexer
{
    private readonly List<int> _recentlyIndexed = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public long Measure(int fd)
    {
        long end = Native.Lseek(fd, 0, 2);
        Remember(fd);
        return end;
    }

    private void Remember(int fd)
    {
        /*~ASYS1003*/_recentlyIndexed.Add(fd);
    }
}
