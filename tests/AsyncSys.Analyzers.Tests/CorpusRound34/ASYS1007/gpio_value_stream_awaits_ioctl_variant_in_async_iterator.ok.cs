// The GPIO value stream made right: the async iterator awaits the ioctl wrapper's variant.
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.Blocking.GpioStreamIoctlAwaited;

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
            int rc = await Gpio.IoctlAsync(handleFd, GPIOHANDLE_GET_LINE_VALUES_IOCTL, valuesBuffer, ct);
            yield return rc >= 0 && Marshal.ReadByte(valuesBuffer) != 0;
            await Task.Delay(250, ct);
        }
    }
}
