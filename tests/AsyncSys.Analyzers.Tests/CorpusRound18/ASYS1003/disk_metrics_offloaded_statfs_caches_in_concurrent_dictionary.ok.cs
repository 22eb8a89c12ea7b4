// The mount metrics made right: the last value per mount lives in a ConcurrentDictionary, which is made for writes from
// several workers at once.
using System;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round18.SharedState.StatfsConcurrentDictionary;

internal static class Native
{
    [DllImport("libc", EntryPoint = "statfs", SetLastError = true)]
    internal static extern int StatFs(string path, byte[] buffer);
}

public static partial class MountMetrics
{
    private static readonly ConcurrentDictionary<string, long> s_lastFree = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static long FreeBytes(string mountPoint)
    {
        byte[] statfs = new byte[120];
        if (Native.StatFs(mountPoint, statfs) != 0)
        {
            return -1;
        }

        long blockSize = BinaryPrimitives.ReadInt64LittleEndian(statfs.AsSpan(8));
        long available = BinaryPrimitives.ReadInt64LittleEndian(statfs.AsSpan(32));
        long free = blockSize * available;
        s_lastFree[mountPoint] = free;
        return free;
    }
}
