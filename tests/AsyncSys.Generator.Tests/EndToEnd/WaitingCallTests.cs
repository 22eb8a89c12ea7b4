using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// A generated variant of a call that waits (flock on a held lock, waitpid on a running child) ends when its token is
/// cancelled, though its wrapper states no cancel hook: the generator gives it one. Before, a started call ran to its
/// end whatever the token said (hostile round 2 had to state the hook itself).
/// </summary>
public sealed class WaitingCallTests : IDisposable
{
    private const int O_RDWR = 2, O_CLOEXEC = 0x80000;
    private readonly IoRing _ring = IoRing.Create(new IoRingOptions { Name = "waiting-calls" });
    private readonly string _path = Path.Combine(Path.GetTempPath(), "asyncsys-waiting-" + Guid.NewGuid().ToString("N"));

    public WaitingCallTests() => File.WriteAllBytes(_path, new byte[1]);

    public void Dispose()
    {
        _ring.Dispose();
        File.Delete(_path);
    }

    [Fact]
    public async Task A_flock_waiting_on_a_held_lock_ends_when_its_token_is_cancelled_and_takes_nothing()
    {
        // Plain open(2): .NET-opened handles hold a shared flock of their own (its FileShare emulation).
        int holder = WaitingCalls.Open(_path, O_RDWR | O_CLOEXEC), waiter = WaitingCalls.Open(_path, O_RDWR | O_CLOEXEC);
        try
        {
            Assert.Equal(0, WaitingCalls.FlockNow(holder, WaitingCalls.LockExclusive));
            using var cts = new CancellationTokenSource();
            Task<int> waiting = Task.Run(async () => await WaitingCalls.FlockAsync(_ring, waiter, WaitingCalls.LockExclusive, cts.Token));
            await UntilWaitingAsync();
            cts.Cancel();
            Assert.True(await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromSeconds(10))) == waiting, "the cancelled flock did not end");
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

            // The cancelled wait took nothing: once the holder lets go, the lock is free for the waiter's descriptor at once.
            Assert.Equal(0, WaitingCalls.FlockNow(holder, WaitingCalls.LockUnlock));
            Assert.Equal(0, await WaitingCalls.FlockAsync(_ring, waiter, WaitingCalls.LockExclusive | WaitingCalls.LockNonBlocking));
        }
        finally
        {
            WaitingCalls.Close(holder);
            WaitingCalls.Close(waiter);
        }
    }

    [Fact]
    public async Task A_waitpid_on_a_running_child_ends_when_its_token_is_cancelled_and_the_child_can_still_be_reaped()
    {
        using var child = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            using var cts = new CancellationTokenSource();
            var waiting = Task.Run(async () => await WaitingCalls.WaitPidAsync(_ring, child.Id, 0, cts.Token));
            await UntilWaitingAsync();
            cts.Cancel();
            Assert.True(await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromSeconds(10))) == waiting, "the cancelled waitpid did not end");
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            Assert.False(child.HasExited);
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }

    private async Task UntilWaitingAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!_ring.GetInFlightOperations().Any(o => o.State == InFlightState.OnWorker))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the call never started on a worker");
            await Task.Delay(1);
        }
    }
}
