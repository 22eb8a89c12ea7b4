// A hand-tuned storage device keeps a latency histogram of its offloaded pwrite wrapper in a static array and bumps the bucket through MemoryMarshal.GetArrayDataReference and Unsafe.Add to skip the bounds check; the ++ through that reference is a plain read-modify-write that concurrent workers lose counts on.
using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus49.DeviceHistogramBad;

internal static unsafe partial class Device
{
    private static readonly long[] s_latencyBuckets = new long[32];

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    private static partial nint PWriteNative(int fd, byte* buffer, nuint count, long offset);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static nint TimedPWrite(int fd, [InputBuffer(nameof(count))] byte* buffer, nuint count, long offset)
    {
        long started = Stopwatch.GetTimestamp();
        nint written = PWriteNative(fd, buffer, count, offset);
        long micros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        int bucket = Math.Min(63 - BitOperations.LeadingZeroCount((ulong)micros | 1), 31);
        /*~ASYS1003*/Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(s_latencyBuckets), bucket)++;
        return written;
    }
}
