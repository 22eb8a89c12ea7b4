using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round3.Locking;

public static partial class Locks
{
    public const int LOCK_EX = 2;
    public const int LOCK_UN = 8;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    [AsyncSyscall]
    public static partial int Flock(int fd, int operation);
}

public static class RingLockExtensions
{
    public static async ValueTask WriteLockedAsync(this IoRing ring, int fd, ReadOnlyMemory<byte> data, long offset)
    {
        /*~ASYS1007*/Locks.Flock(fd, Locks.LOCK_EX);
        try
        {
            await ring.WriteAsync(fd, data, offset);
        }
        finally
        {
            /*~ASYS1007*/Locks.Flock(fd, Locks.LOCK_UN);
        }
    }
}
