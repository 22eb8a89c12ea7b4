using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round7.Shared.KvDupCatch;

/// <summary>A key-value cache hands each reader its own descriptor of the data file; failures are counted for the stats page.</summary>
internal sealed partial class DescriptorLender(int dataFd)
{
    private static long s_failures;
    private int _lent;

    public static long Failures => s_failures;
    public int Lent => _lent;

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

            /*~ASYS1003*/_lent++;   // this lender is shared by every reader
            return fd;
        }
        catch (ErrnoException)
        {
            /*~ASYS1003*/s_failures++;
            throw;
        }
    }
}
