// A disk monitor's statvfs wrapper, once called from one timer thread, now offloaded: it counts its calls with Interlocked and keeps the slowest call's duration with a CompareExchange loop, so two workers finishing together keep the larger.
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Corpus48.StatvfsStatsOk;

[StructLayout(LayoutKind.Sequential)]
internal struct StatVfs
{
    public ulong BlockSize;
    public ulong FragmentSize;
    public ulong Blocks;
    public ulong BlocksFree;
    public ulong BlocksAvailable;
    public ulong Files;
    public ulong FilesFree;
    public ulong FilesAvailable;
    public ulong FsId;
    public ulong Flags;
    public ulong NameMax;
}

internal static unsafe partial class DiskStats
{
    private static long s_calls;
    private static long s_slowestTicks;

    [LibraryImport("libc", EntryPoint = "statvfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatVfsNative(string path, StatVfs* buffer);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Probe(string path, [OutputValue] StatVfs* result)
    {
        long started = Stopwatch.GetTimestamp();
        int rc = StatVfsNative(path, result);
        long elapsed = Stopwatch.GetTimestamp() - started;
        Interlocked.Increment(ref s_calls);
        long seen = Volatile.Read(ref s_slowestTicks);
        while (elapsed > seen)
        {
            long previous = Interlocked.CompareExchange(ref s_slowestTicks, elapsed, seen);
            if (previous == seen)
            {
                break;
            }

            seen = previous;
        }

        return rc;
    }
}
