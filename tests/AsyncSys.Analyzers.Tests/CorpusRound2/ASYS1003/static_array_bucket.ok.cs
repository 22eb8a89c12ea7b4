// The latency bucket is bumped with Interlocked.Increment on the array element.
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round2;

internal static unsafe partial class FileInfoNative
{
    private static readonly long[] s_latencyBuckets = new long[16];

    [LibraryImport("libc", EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int AccessRaw(string path, int mode);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Access(string path, int mode)
    {
        long start = Stopwatch.GetTimestamp();
        int rc = AccessRaw(path, mode);
        int bucket = (int)System.Math.Min(15, Stopwatch.GetElapsedTime(start).Ticks / 1000);
        Interlocked.Increment(ref s_latencyBuckets[bucket]);
        return rc;
    }
}
