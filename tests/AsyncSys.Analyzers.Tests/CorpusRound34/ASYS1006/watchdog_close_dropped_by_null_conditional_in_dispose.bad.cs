// A watchdog owner writes the magic 'V' on shutdown (so the driver disarms instead of rebooting) and closes the device
// through the ring in Dispose with a null-conditional call. The close's ValueTask is dropped: if the 'V' write has not
// landed yet or the close fails, nobody sees it, and the board reboots a minute after a clean shutdown.
using System;
using AsyncSys;

namespace Round34.ValueTasks.WatchdogCloseDropped;

public sealed class WatchdogDevice(int watchdogFd) : IDisposable
{
    private IoRing? _ring = IoRing.Shared;

    public void Dispose()
    {
        /*~ASYS1006*/_ring?.CloseAsync(watchdogFd);
        _ring = null;
    }
}
