// The watchdog owner made right: DisposeAsync writes the magic 'V' and closes the device, awaiting both.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.ValueTasks.WatchdogCloseAwaited;

public sealed class WatchdogDevice(int watchdogFd) : IAsyncDisposable
{
    private static readonly byte[] s_disarm = [(byte)'V'];
    private IoRing? _ring = IoRing.Shared;

    public async ValueTask DisposeAsync()
    {
        if (_ring is { } ring)
        {
            _ring = null;
            await ring.WriteAsync(watchdogFd, s_disarm, -1);
            await ring.CloseAsync(watchdogFd);
        }
    }
}
