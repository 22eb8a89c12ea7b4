// The spill queue lets each producer thread choose extra open flags (O_DSYNC for "durable" producers) in a
// ThreadLocal, and its offloaded segment-open wrapper reads the ThreadLocal. On the AsyncSys worker the value is the
// worker's (0): durable producers silently get segments without O_DSYNC.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round35.ThreadState.SpillOpenThreadLocalFlags;

internal static class Native
{
    internal const int O_WRONLY = 1, O_CREAT = 0x40, O_APPEND = 0x400, O_CLOEXEC = 0x80000, O_DSYNC = 0x1000;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    internal static extern int Open(string path, int flags, int mode);
}

public static partial class SpillFiles
{
    internal static readonly ThreadLocal<int> s_extraFlags = new(() => 0);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int OpenSegment(string path) =>
        Native.Open(path, Native.O_WRONLY | Native.O_CREAT | Native.O_APPEND | Native.O_CLOEXEC | /*~ASYS1002*/s_extraFlags.Value, 0x180);
}
