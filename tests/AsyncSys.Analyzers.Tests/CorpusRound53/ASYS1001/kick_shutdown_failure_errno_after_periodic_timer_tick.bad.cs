// A game server kicks a cheating player by shutting down the write side of the player's socket; when shutdown fails the tick loop waits for the next PeriodicTimer tick (so the kick is logged with the tick's other events) and only then reads errno for the reason, after the tick's await resumed on another thread.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus53.KickShutdownErrnoBad;

internal static partial class Native
{
    internal const int SHUT_WR = 1;

    [LibraryImport("libc", EntryPoint = "shutdown", SetLastError = true)]
    internal static partial int Shutdown(int fd, int how);
}

internal sealed class KickList(PeriodicTimer timer)
{
    private readonly List<string> _events = new();

    public async Task KickAsync(int socket, string reason, CancellationToken ct)
    {
        if (Native.Shutdown(socket, Native.SHUT_WR) < 0)
        {
            await timer.WaitForNextTickAsync(ct).ConfigureAwait(false);
            _events.Add($"kick ({reason}) of socket {socket} failed, errno {/*~ASYS1001*/Marshal.GetLastPInvokeError()}");
            return;
        }

        _events.Add($"kicked socket {socket}: {reason}");
    }
}
