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
        int rc = await Locks.FlockAsync(ring, fd, Locks.LOCK_EX);
        if (rc < 0)
        {
            throw new InvalidOperationException(nameof(Locks.Flock) + " returned " + rc);
        }

        try
        {
            await ring.WriteAsync(fd, data, offset);
        }
        finally
        {
            await Locks.FlockAsync(ring, fd, Locks.LOCK_UN);
        }
    }
}
