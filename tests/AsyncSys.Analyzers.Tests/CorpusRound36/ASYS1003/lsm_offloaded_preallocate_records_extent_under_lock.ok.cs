// The preallocation wrapper made right: the shared dictionary of reserved sizes is changed under the table space's
// lock, so parallel workers insert one after the other.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round36.SharedState.PreallocateExtentsLocked;

internal static class Native
{
    [DllImport("libc", EntryPoint = "posix_fallocate")]
    internal static extern int PosixFallocate(int fd, long offset, long length);
}

public sealed partial class TableSpace
{
    private readonly object _gate = new();
    private readonly Dictionary<int, long> _reserved = new();

    public long ReservedFor(int fd)
    {
        lock (_gate)
        {
            return _reserved.TryGetValue(fd, out long n) ? n : 0;
        }
    }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
    public int Reserve(int fd, long length)
    {
        int error = Native.PosixFallocate(fd, 0, length);
        if (error == 0)
        {
            lock (_gate)
            {
                _reserved[fd] = length;
            }
        }

        return error;
    }
}
