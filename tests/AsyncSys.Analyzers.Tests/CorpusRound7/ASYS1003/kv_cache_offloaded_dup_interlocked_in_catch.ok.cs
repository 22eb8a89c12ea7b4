using System;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round7.Shared.KvDupCatchOk;

/// <summary>A key-value cache hands each reader its own descriptor of the data file; the counters are atomic.</summary>
internal sealed partial class DescriptorLender(int dataFd)
{
    private static long s_failures;
    private int _lent;

    public static long Failures => Interlocked.Read(ref s_failures);
    public int Lent => Volatile.Read(ref _lent);

    [DllImport("libc", EntryPoint = "dup", SetLastError = true)]
    private static extern int dup(int fd);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Lend()
    {
        try
        {
            int fd = dup(dataFd);
            if (fd < 0)
            {
                throw new ErrnoException(Marshal.GetLastPInvokeError(), "dup");
            }

            Interlocked.Increment(ref _lent);
            return fd;
        }
        catch (ErrnoException)
        {
            Interlocked.Increment(ref s_failures);
            throw;
        }
    }
}
