using AsyncSys.Interop;

namespace AsyncSys.Operations;

/// <summary>
/// How long the calling thread has waited, while runnable, for a CPU: the second field of
/// <c>/proc/thread-self/schedstat</c> (nanoseconds, cumulative; kernels with CONFIG_SCHED_INFO). Lets the
/// <see cref="ContinuationWatchdog"/> tell a continuation that ran or blocked for long from one whose thread was
/// preempted on a busy machine.
/// </summary>
internal static unsafe class RunQueueDelay
{
    /// <summary>Reads the value; false when the file cannot be opened or read (no descriptor free, no procfs, ...).</summary>
    /// <remarks>Three syscalls (open, read, close): call it rarely (the watchdog does at most once per millisecond).</remarks>
    internal static bool TryRead(out long nanoseconds)
    {
        nanoseconds = 0;
        int fd;
        fixed (byte* path = "/proc/thread-self/schedstat"u8)
        {
            fd = Libc.openat(Libc.AT_FDCWD, path, Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        }

        if (fd < 0)
        {
            return false;
        }

        byte* text = stackalloc byte[128];
        nint length = Libc.read(fd, text, 127);
        Libc.close(fd);
        return length > 0 && TryParse(new System.ReadOnlySpan<byte>(text, (int)length), out nanoseconds);
    }

    /// <summary>Parses "run_ns delay_ns timeslices": the second number.</summary>
    internal static bool TryParse(System.ReadOnlySpan<byte> text, out long nanoseconds)
    {
        nanoseconds = 0;
        int i = 0;
        while (i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9')
        {
            i++; // the thread's time on a CPU
        }

        if (i == 0 || i >= text.Length || text[i] != (byte)' ')
        {
            return false;
        }

        i++;
        int start = i;
        long value = 0;
        while (i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9')
        {
            value = (value * 10) + (text[i] - '0');
            i++;
        }

        if (i == start)
        {
            return false;
        }

        nanoseconds = value;
        return true;
    }
}
