// A broker's offloaded segment opener records each open's latency into a static list in its finally, under a lock on the list.
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Broker.Segments;

internal static partial class Sys
{
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags, int mode);
}

public static partial class SegmentFiles
{
    private const int O_RDWR = 2;
    private const int O_CLOEXEC = 0x80000;

    private static readonly List<double> s_openMillis = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int OpenSegment(string directory, long baseOffset)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            string path = directory + "/" + baseOffset.ToString("D20") + ".log";
            return Sys.Open(path, O_RDWR | O_CLOEXEC, 0);
        }
        finally
        {
            lock (s_openMillis)
            {
                s_openMillis.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }
}
