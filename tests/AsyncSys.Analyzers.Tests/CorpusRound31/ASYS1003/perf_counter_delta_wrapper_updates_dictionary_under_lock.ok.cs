// The perf counter delta made right: the look-up and the store of the last value seen run under one lock, so parallel
// reads on AsyncSys workers neither corrupt the Dictionary nor compute a delta against a value being replaced.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round31.SharedState.PerfCounterDeltaLocked;

internal static class Native
{
    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static extern nint Read(int fd, byte[] buffer, nint count);
}

public sealed partial class CounterReader
{
    private readonly object _gate = new();
    private readonly Dictionary<int, long> _lastByFd = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public nint ReadDelta(int counterFd, byte[] value)
    {
        nint n = Native.Read(counterFd, value, 8);
        if (n == 8)
        {
            long now = BitConverter.ToInt64(value, 0);
            long before;
            lock (_gate)
            {
                _lastByFd.TryGetValue(counterFd, out before);
                _lastByFd[counterFd] = now;
            }

            BitConverter.TryWriteBytes(value, now - before);
        }

        return n;
    }
}
