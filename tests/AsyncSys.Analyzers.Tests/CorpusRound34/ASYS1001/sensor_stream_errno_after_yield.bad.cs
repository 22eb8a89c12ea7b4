// A sensor sampler exposes its ADC readings as an async stream read from a sysfs-like character device. When a read
// fails it first yields a NaN sample (so dashboards show a gap) and then reads errno to decide whether to stop (ENODEV).
// At the yield the consumer runs, awaits and logs; the errno read afterwards is another thread's or another call's.
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Round34.Errno.SamplerYieldBeforeErrno;

internal static class Native
{
    [DllImport("libc", EntryPoint = "pread", SetLastError = true)]
    internal static extern nint PRead(int fd, byte[] buffer, nint count, long offset);
}

public static class AdcSampler
{
    private const int ENODEV = 19;

    public static async IAsyncEnumerable<double> SamplesAsync(int rawFd, [EnumeratorCancellation] CancellationToken ct)
    {
        var text = new byte[16];
        while (!ct.IsCancellationRequested)
        {
            nint n = Native.PRead(rawFd, text, text.Length, 0);
            if (n < 0)
            {
                yield return double.NaN;
                if (/*~ASYS1001*/Marshal.GetLastPInvokeError() == ENODEV) yield break;
                continue;
            }

            yield return double.Parse(System.Text.Encoding.ASCII.GetString(text, 0, (int)n));
            await Task.Delay(100, ct);
        }
    }
}
