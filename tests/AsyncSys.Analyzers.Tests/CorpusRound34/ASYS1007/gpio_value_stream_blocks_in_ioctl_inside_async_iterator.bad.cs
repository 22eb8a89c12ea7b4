// A GPIO input exposes line values as an async stream for a dashboard. Each item reads the values with the blocking
// [AsyncSyscall] ioctl wrapper inside the async iterator, between awaited delays: each read holds a pool thread, and a
// page with a hundred inputs starves the web server's pool.
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.Blocking.GpioStreamIoctl;

internal static partial class Gpio
{
    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Ioctl(int fd, nuint request, nint argument);
}

public sealed class GpioInput(int handleFd, nint valuesBuffer)
{
    private const nuint GPIOHANDLE_GET_LINE_VALUES_IOCTL = 0xC040B408;

    public async IAsyncEnumerable<bool> ValuesAsync([EnumeratorCancellation] CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            int rc = /*~ASYS1007*/Gpio.Ioctl(handleFd, GPIOHANDLE_GET_LINE_VALUES_IOCTL, valuesBuffer);
            yield return rc >= 0 && Marshal.ReadByte(valuesBuffer) != 0;
            await Task.Delay(250, ct);
        }
    }
}
