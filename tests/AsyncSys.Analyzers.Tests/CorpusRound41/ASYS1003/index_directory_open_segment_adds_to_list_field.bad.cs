// An index directory opens segment files on a worker (a merge opens several at once) and records each descriptor in a List<int> field of the shared directory object, with no lock.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Search.Store;

public sealed partial class IndexDirectory
{
    private const int O_RDONLY = 0;
    private const int O_CLOEXEC = 0x80000;

    private readonly int _dirFd;
    private readonly List<int> _open = new();

    public IndexDirectory(int dirFd) => _dirFd = dirFd;

    [DllImport("libc", SetLastError = true)]
    private static extern int openat(int dirFd, string path, int flags);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int OpenSegment(string name)
    {
        int fd = openat(_dirFd, name, O_RDONLY | O_CLOEXEC);
        if (fd >= 0) /*~ASYS1003*/_open.Add(fd);
        return fd;
    }

    public int[] OpenDescriptors()
    {
        lock (_open) return _open.ToArray();
    }
}
