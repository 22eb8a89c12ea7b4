// A completion-batching wakeup loop drains an eventfd with a nonblocking read in a tight loop; when the read fails it awaits the ring's poll for readability first and checks errno for EAGAIN only after that await, by then another thread's or the ring's.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus49.WakeupDrainBad;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static partial nint ReadCounter(int fd, ref ulong value, nuint count);
}

internal sealed class WakeupDrain(IoRing ring, int eventFd, Action<ulong> onWakeups)
{
    private const int EAGAIN = 11;

    public async Task RunAsync(CancellationToken ct)
    {
        ulong value = 0;
        while (!ct.IsCancellationRequested)
        {
            nint n = Native.ReadCounter(eventFd, ref value, sizeof(ulong));
            if (n == sizeof(ulong))
            {
                onWakeups(value);
                continue;
            }

            await ring.PollAsync(eventFd, PollEvents.In, ct).ConfigureAwait(false);
            if (/*~ASYS1001*/Marshal.GetLastPInvokeError() != EAGAIN)
            {
                throw new IOException("eventfd read failed");
            }
        }
    }
}
