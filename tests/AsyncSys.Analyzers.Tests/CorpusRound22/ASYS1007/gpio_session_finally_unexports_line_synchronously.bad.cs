// A GPIO test-bench session exports a line, toggles it with awaited ring writes, and unexports it in a finally. The
// unexport goes through the blocking sysfs wrapper from inside the async method: writing /sys/class/gpio/unexport
// waits for the kernel to tear the line down (and for any holder of the value file), blocking a pool thread on every
// session end, also on the cancellation path where many sessions end at once.
using System;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.Blocking.GpioUnexportInFinally;

public static partial class SysfsGpio
{
    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern nint write(int fd, byte[] buffer, nuint count);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint Unexport(int unexportFd, int line)
    {
        byte[] text = Encoding.ASCII.GetBytes(line.ToString());
        return write(unexportFd, text, (nuint)text.Length);
    }
}

public sealed class BenchSession(IoRing ring, int unexportFd)
{
    private static readonly byte[] s_high = "1"u8.ToArray();
    private static readonly byte[] s_low = "0"u8.ToArray();

    public async Task ToggleAsync(int line, int valueFd, int times, TimeSpan half, CancellationToken ct)
    {
        try
        {
            for (int i = 0; i < times; i++)
            {
                await ring.WriteAsync(valueFd, s_high, 0, ct);
                await ring.DelayAsync(half, ct);
                await ring.WriteAsync(valueFd, s_low, 0, ct);
                await ring.DelayAsync(half, ct);
            }
        }
        finally
        {
            /*~ASYS1007*/SysfsGpio.Unexport(unexportFd, line);
        }
    }
}
