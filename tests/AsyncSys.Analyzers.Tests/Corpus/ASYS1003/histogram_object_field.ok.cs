// The statistics object is updated under its own lock.
using System.Diagnostics;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal sealed class LatencyStats
{
    public long Count;
    public long TotalTicks;
    public long MaxTicks;
}

internal static partial class Mount
{
    private static readonly LatencyStats s_stats = new();

    [LibraryImport("libc", EntryPoint = "statfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatFs(string path, nint buffer);

    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Probe(string path, nint buffer)
    {
        long started = Stopwatch.GetTimestamp();
        int result = StatFs(path, buffer);
        long elapsed = Stopwatch.GetTimestamp() - started;
        lock (s_stats)
        {
            s_stats.Count++;
            s_stats.TotalTicks += elapsed;
        }

        return result;
    }
}
