// A supervisor waits for a child to exit by polling its pidfd on the ring (a pidfd becomes readable when the process
// exits). A metrics helper, Observe, awaits the operation to record how long the child ran and to log a failed wait;
// the supervisor then awaits the same ValueTask itself. One ValueTask consumed twice: AsyncSys recycles the pooled
// source after the first await, so the second may observe another operation that reuses it (another child's exit, an
// exception) or throw; the supervisor reaps and restarts at the wrong time, or misses this child's death.
using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round13.Observed.SupervisorExitPollTwice;

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
        ValueTask<PollEvents> exited = ring.PollAsync(child.PidFd, PollEvents.In, cancellationToken);
        Observe(exited, child.Name);
        await /*~ASYS1006*/exited;
        return Reap(child);
    }

    private async void Observe(ValueTask<PollEvents> operation, string name)
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
