// The process metrics reader made right: the self-monitoring counters are updated with Interlocked, so concurrent
// workers add up exactly.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round18.SharedState.ProcReaderInterlocked;

internal static class Native
{
    [DllImport("libc", EntryPoint = "pread", SetLastError = true)]
    internal static extern nint PRead(int fd, byte[] buffer, nint count, long offset);
}

public static partial class ProcStatReader
{
    private static long s_bytesScraped;
    private static long s_scrapes;

    public static long BytesScraped => Interlocked.Read(ref s_bytesScraped);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint ReadStat(int statFd, byte[] buffer)
    {
        nint n = Native.PRead(statFd, buffer, buffer.Length, 0);
        if (n > 0)
        {
            Interlocked.Add(ref s_bytesScraped, n);
            Interlocked.Increment(ref s_scrapes);
        }

        return n;
    }
}
