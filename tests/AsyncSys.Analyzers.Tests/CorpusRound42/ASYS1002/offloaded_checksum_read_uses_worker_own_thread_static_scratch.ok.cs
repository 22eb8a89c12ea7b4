// An offloaded chunk checksum reads the chunk into a [ThreadStatic] scratch array it fills and uses within the one call: the worker's own scratch, never the caller's.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace ArrayStore;

public static unsafe partial class ChunkChecksums
{
    [ThreadStatic] private static byte[]? t_scratch;

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static partial nint pread(int fd, byte* buffer, nuint count, long offset);

    /// <summary>Fletcher-32 of one stored chunk, or -1 when the read fails.</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static long Fletcher32(int fd, long offset, int length)
    {
        byte[] scratch = t_scratch is { } cached && cached.Length >= length ? cached : (t_scratch = new byte[Math.Max(length, 64 * 1024)]);
        nint n;
        fixed (byte* p = scratch)
        {
            n = pread(fd, p, (nuint)length, offset);
        }

        if (n < 0) return -1;
        uint sum1 = 0xffff, sum2 = 0xffff;
        for (int i = 0; i + 1 < n; i += 2)
        {
            sum1 = (sum1 + (uint)(scratch[i] << 8 | scratch[i + 1])) % 65535;
            sum2 = (sum2 + sum1) % 65535;
        }

        return (sum2 << 16) | sum1;
    }
}
