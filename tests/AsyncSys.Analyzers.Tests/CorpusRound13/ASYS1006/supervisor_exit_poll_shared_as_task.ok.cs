// The supervisor of the .bad twin, converting the pidfd poll to a Task once with AsTask(): the metrics helper and the
// supervisor both await that Task, which may be awaited any number of times, and the ValueTask is consumed only once.
using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round13.Observed.SupervisorExitPollAsTask;

internal static unsafe partial class Native
{
    public const int P_PIDFD = 3, WEXITED = 4;

    [LibraryImport("libc", EntryPoint = "waitid", SetLastError = true)]
    internal static partial int Waitid(int idType, int id, byte* info, int options);
}

public sealed record Child(string Name, int PidFd);

public sealed class Supervisor(IoRing ring, TextWriter log)
{
    public async Task<int> WaitForExitAsync(Child child, CancellationToken cancellationToken)
    {
        Task<PollEvents> exited = ring.PollAsync(child.PidFd, PollEvents.In, cancellationToken).AsTask();
        Observe(exited, child.Name);
        await exited;
        return Reap(child);
    }

    private async void Observe(Task<PollEvents> operation, string name)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            await operation;
            log.WriteLine($"{name} ran for {Stopwatch.GetElapsedTime(started)}");
        }
        catch (ErrnoException e)
        {
            log.WriteLine($"waiting for {name} failed: {e.ErrnoName}");
        }
        catch (OperationCanceledException)
        {
            log.WriteLine($"stopped waiting for {name}");
        }
    }

    private static unsafe int Reap(Child child)
    {
        byte* info = stackalloc byte[128];
        new Span<byte>(info, 128).Clear();
        if (Native.Waitid(Native.P_PIDFD, child.PidFd, info, Native.WEXITED) < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "waitid", child.Name);
        }

        return *(int*)(info + 24); // siginfo_t.si_status
    }
}
