// A node agent reads per-cgroup perf counters with an offloaded read wrapper that turns the raw count into a delta
// against the last value it saw for that fd, kept in a plain Dictionary field. Counters of many cgroups are read in
// parallel on AsyncSys workers: concurrent inserts corrupt the Dictionary (lost entries, an endless loop in a resize)
// and the agent reports absurd CPU cycles per container.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round31.SharedState.PerfCounterDeltaDictionary;

internal static class Native
{
    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static extern nint Read(int fd, byte[] buffer, nint count);
}

public sealed partial class CounterReader
{
    private readonly Dictionary<int, long> _lastByFd = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public nint ReadDelta(int counterFd, byte[] value)
    {
        nint n = Native.Read(counterFd, value, 8);
        if (n == 8)
        {
            long now = BitConverter.ToInt64(value, 0);
            _lastByFd.TryGetValue(counterFd, out long before);
            /*~ASYS1003*/_lastByFd[counterFd] = now;
            BitConverter.TryWriteBytes(value, now - before);
        }

        return n;
    }
}
