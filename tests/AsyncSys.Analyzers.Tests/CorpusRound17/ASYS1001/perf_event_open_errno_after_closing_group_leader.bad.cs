// An eBPF/perf loader opens a group of hardware counters with syscall(SYS_perf_event_open, ...). When a member fails it
// closes the group leader first (close is declared with SetLastError) and then reads errno to tell the operator to lower
// kernel.perf_event_paranoid (EACCES) or that the PMU lacks the event (ENOENT). The close succeeded and overwrote the
// saved error, so the hint printed is for the close, not the open.
using System;
using System.Runtime.InteropServices;

namespace Round17.Errno.PerfEventOpenAfterClose;

internal static class Native
{
    internal const long SYS_perf_event_open = 298;
    internal const int EACCES = 13;

    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    internal static extern int PerfEventOpen(long number, byte[] attr, int pid, int cpu, int groupFd, ulong flags);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int fd);
}

public static class CounterGroup
{
    public static int[] Open(byte[][] attrs, int cpu)
    {
        var fds = new int[attrs.Length];
        fds[0] = Native.PerfEventOpen(Native.SYS_perf_event_open, attrs[0], -1, cpu, -1, 0);
        if (fds[0] < 0)
        {
            throw new InvalidOperationException("perf_event_open leader failed: " + Marshal.GetLastPInvokeError());
        }

        for (int i = 1; i < attrs.Length; i++)
        {
            fds[i] = Native.PerfEventOpen(Native.SYS_perf_event_open, attrs[i], -1, cpu, fds[0], 0);
            if (fds[i] < 0)
            {
                Native.Close(fds[0]);
                int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
                string hint = errno == Native.EACCES ? "lower kernel.perf_event_paranoid" : "event not supported";
                throw new InvalidOperationException("perf_event_open member " + i + " failed: " + hint);
            }
        }

        return fds;
    }
}
