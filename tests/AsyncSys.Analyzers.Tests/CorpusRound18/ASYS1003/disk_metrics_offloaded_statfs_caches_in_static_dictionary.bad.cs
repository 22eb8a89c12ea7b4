// A node metrics agent reports free space per mount point through an offloaded statfs wrapper, and remembers the last
// value per mount in a static Dictionary so the exporter can compute a fill rate. The agent scrapes all mounts at once,
// so several workers set entries of the same Dictionary together: its buckets get corrupted (lost entries, an endless
// loop in a later lookup, or an exception that kills the scrape loop).
using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round18.SharedState.StatfsStaticDictionary;

internal static class Native
{
    [DllImport("libc", EntryPoint = "statfs", SetLastError = true)]
    internal static extern int StatFs(string path, byte[] buffer);
}

public static partial class MountMetrics
{
    private static readonly Dictionary<string, long> s_lastFree = new();

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
        /*~ASYS1003*/s_lastFree[mountPoint] = free;
        return free;
    }
}
