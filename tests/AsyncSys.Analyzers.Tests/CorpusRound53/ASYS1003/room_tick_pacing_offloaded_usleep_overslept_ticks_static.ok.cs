// A server hosting many rooms paces each room's tick with an offloaded usleep wrapper; the rooms' loops run the wrapper at once on worker threads, and it counts overslept ticks with Interlocked.Increment.
using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus53.TickPacingOk;

internal static partial class Pacing
{
    internal static int s_oversleptTicks;

    [LibraryImport("libc", EntryPoint = "usleep", SetLastError = true)]
    private static partial int UsleepNative(int microseconds);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Sleep(int microseconds)
    {
        long start = Stopwatch.GetTimestamp();
        int rc = UsleepNative(microseconds);
        if (Stopwatch.GetElapsedTime(start).TotalMicroseconds > 2.0 * microseconds)
        {
            Interlocked.Increment(ref s_oversleptTicks);
        }

        return rc;
    }
}

internal sealed class RoomLoop(IoRing ring, int socket, byte[] snapshot)
{
    private const int TickMicroseconds = 16_666;

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            long start = Stopwatch.GetTimestamp();
            await ring.SendAsync(socket, snapshot, MessageFlags.None, ct).ConfigureAwait(false);
            int left = TickMicroseconds - (int)Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            if (left > 0)
            {
                await Pacing.SleepAsync(ring, left, ct).ConfigureAwait(false);
            }
        }
    }
}
