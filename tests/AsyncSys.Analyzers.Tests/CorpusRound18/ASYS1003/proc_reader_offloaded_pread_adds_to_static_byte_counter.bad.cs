// A process metrics reader reads /proc/<pid>/stat on workers (procfs reads are cheap but can block on mmap_lock of a
// busy process, so it offloads them) and keeps a static total of bytes scraped for its own self-monitoring. The `+=` on
// the static field from concurrent workers loses updates: the agent under-reports its own scrape volume.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round18.SharedState.ProcReaderStaticCounter;

internal static class Native
{
    [DllImport("libc", EntryPoint = "pread", SetLastError = true)]
    internal static extern nint PRead(int fd, byte[] buffer, nint count, long offset);
}

public static partial class ProcStatReader
{
    private static long s_bytesScraped;
    private static long s_scrapes;

    public static long BytesScraped => s_bytesScraped;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint ReadStat(int statFd, byte[] buffer)
    {
        nint n = Native.PRead(statFd, buffer, buffer.Length, 0);
        if (n > 0)
        {
            /*~ASYS1003*/s_bytesScraped += n;
            /*~ASYS1003*/s_scrapes++;
        }

        return n;
    }
}
