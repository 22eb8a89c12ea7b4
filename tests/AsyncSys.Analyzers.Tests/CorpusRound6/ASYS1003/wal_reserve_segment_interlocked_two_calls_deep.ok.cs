using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Shared.WalReserveInterlocked;

/// <summary>The same accounting with an atomic add.</summary>
internal static partial class SegmentSpace
{
    private static long s_reservedBytes;

    public static long ReservedBytes => Interlocked.Read(ref s_reservedBytes);

    [DllImport("libc", SetLastError = true)]
    private static extern int fallocate(int fd, int mode, long offset, long length);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int ReserveSegment(int fd, long length)
    {
        int rc = fallocate(fd, 0, 0, length);
        if (rc == 0)
        {
            NoteReserved(length);
        }

        return rc;
    }

    private static void NoteReserved(long length) => Account(length);

    private static void Account(long length)
    {
        Interlocked.Add(ref s_reservedBytes, length);
    }
}

internal sealed class SegmentPreallocator
{
    public async Task ReserveAheadAsync(int[] segmentFds, long segmentSize, CancellationToken cancellationToken)
    {
        var pending = new Task<int>[segmentFds.Length];
        for (int i = 0; i < segmentFds.Length; i++)
        {
            pending[i] = SegmentSpace.ReserveSegmentAsync(segmentFds[i], segmentSize, cancellationToken).AsTask();
        }

        await Task.WhenAll(pending);
    }
}
