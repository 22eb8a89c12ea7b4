// The GPIO bench session, made right for its synchronous teardown: Dispose is not async, so calling the blocking
// unexport wrapper there is the caller's choice; the toggling method awaits only ring operations.
using System;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.Blocking.GpioUnexportInDispose;

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

public sealed class BenchSession(IoRing ring, int unexportFd, int line) : IDisposable
{
    private static readonly byte[] s_high = "1"u8.ToArray();
    private static readonly byte[] s_low = "0"u8.ToArray();

    public async Task ToggleAsync(int valueFd, int times, TimeSpan half, CancellationToken ct)
    {
        for (int i = 0; i < times; i++)
        {
            await ring.WriteAsync(valueFd, s_high, 0, ct);
            await ring.DelayAsync(half, ct);
            await ring.WriteAsync(valueFd, s_low, 0, ct);
            await ring.DelayAsync(half, ct);
        }
    }

    public void Dispose() => SysfsGpio.Unexport(unexportFd, line);
}
