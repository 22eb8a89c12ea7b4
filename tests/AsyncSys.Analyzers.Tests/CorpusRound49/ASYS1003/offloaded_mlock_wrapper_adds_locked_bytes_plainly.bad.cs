// A slab allocator pins its large native slabs with an offloaded mlock wrapper and keeps the total locked bytes for its RLIMIT_MEMLOCK budget with a plain +=, which two workers locking slabs at once race on (one addition lost, the budget under-counted).
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Corpus49.SlabLockBad;

internal static unsafe partial class SlabLocking
{
    private static long s_lockedBytes;
    private static int s_lockedSlabs;

    public static long LockedBytes => Volatile.Read(ref s_lockedBytes);

    [LibraryImport("libc", EntryPoint = "mlock", SetLastError = true)]
    private static partial int MlockNative(void* address, nuint length);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Lock(nint address, nuint length)
    {
        int rc = MlockNative((void*)address, length);
        if (rc == 0)
        {
            Interlocked.Increment(ref s_lockedSlabs);
            /*~ASYS1003*/s_lockedBytes += (long)length;
        }

        return rc;
    }
}
