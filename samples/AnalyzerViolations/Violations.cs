using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace AnalyzerViolations;

/// <summary>Each method breaks exactly one rule, on the line marked with the rule's id.</summary>
internal static class Violations
{
    public static int ErrnoAfterLogging(int fd)
    {
        int result = Libc.fsync(fd);
        Console.WriteLine("fsync returned " + result);
        int errno = Marshal.GetLastPInvokeError(); // ASYS1001
        return result < 0 ? errno : 0;
    }

    public static async Task<int> ThreadIdAcrossAwait(int fd)
    {
        int owner = Environment.CurrentManagedThreadId;
        await Libc.fsyncAsync(fd);
        return owner; // ASYS1002
    }

    public static unsafe ValueTask<nint> ReadIntoStack(int fd)
    {
        byte* buffer = stackalloc byte[64];
        return Libc.readAsync(fd, buffer, 64); // ASYS1004
    }

    public static async Task<int> ReturnBufferTooEarly(int fd)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
        ValueTask<int> read = Libc.PreadAsync(fd, buffer, 0);
        ArrayPool<byte>.Shared.Return(buffer); // ASYS1005
        return await read;
    }

    public static async Task FlushAndForget(int fd)
    {
        Libc.fsyncAsync(fd); // ASYS1006
        await Task.Yield();
    }

    public static async Task<int> SyncInAsync(int fd, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return Libc.fsync(fd); // ASYS1007
    }
}

/// <summary>An offloaded wrapper that counts its calls without synchronization.</summary>
internal static class FileLocks
{
    private static int s_lockCount;

    [AsyncSyscall(RingOp.None)]
    public static int LockExclusive(int fd)
    {
        s_lockCount++; // ASYS1003
        return Libc.flock(fd, 2);
    }

    public static ValueTask<int> LockExclusiveAsync(int fd, CancellationToken cancellationToken = default) => new(LockExclusive(fd));
}
