using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Reliability;

/// <summary>
/// Issue 16, items 1 and 2 and the races found by reading: control calls made concurrently with each other and
/// with Dispose neither crash the process nor hang the ring.
/// </summary>
public sealed class ControlCallRaceTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task CancelAll_CancelByFd_and_submits_racing_Dispose_never_crash_and_end_in_ObjectDisposedException(IoBackend backend)
    {
        // Before the fix: AccessViolationException in IoUringBackend.FreeSqes (process crash), or on this machine
        // a control loop hung for good (io_uring) and an operation was left in flight (workers).
        for (int round = 0; round < 20; round++)
        {
            var ring = Backends.Create(backend, capacity: 64);
            using var pipe = new Pipe();
            object tag = new();
            var polls = Enumerable.Range(0, 16).Select(_ => ring.PollAsync(pipe.ReadFd, PollEvents.In).AsTask()).ToList();
            var unexpected = new List<Exception>();
            using var go = new Barrier(8);
            var threads = new[]
            {
                ControlLoop(go, unexpected, () => ring.CancelAll()),
                ControlLoop(go, unexpected, () => ring.CancelAll()),
                ControlLoop(go, unexpected, () => ring.CancelByFd(pipe.ReadFd)),
                ControlLoop(go, unexpected, () => ring.CancelByFd(pipe.ReadFd)),

                // One cancel per operation (by tag): the path that wrote into the unmapped submission queue.
                ControlLoop(go, unexpected, () => ring.CancelByTag(tag)),
                ControlLoop(go, unexpected, () => Observe(ring.SubmitAsync(RingRequest.Poll(pipe.ReadFd, PollEvents.In).WithTag(tag)).AsTask())),
                ControlLoop(go, unexpected, () => Observe(ring.NopAsync().AsTask())),
            };
            go.SignalAndWait();
            Thread.Sleep(round % 5);
            ring.Dispose();
            foreach (Thread thread in threads)
            {
                ReliabilityAssert.Joins(thread, "a control loop");
            }

            Assert.Empty(unexpected);
            await ReliabilityAssert.Within(Task.WhenAll(polls.Select(ReliabilityAssert.CompletesOrIsCancelled)), "the polls");
            Assert.Equal(0, ring.InFlightCount);
            Assert.Empty(ring.Abandoned);
        }
    }

    private static void Observe(Task task) => task.ContinueWith(static t => t.Exception, TaskScheduler.Default);

    /// <summary>Calls <paramref name="call"/> until the ring says it is disposed; anything else is recorded.</summary>
    private static Thread ControlLoop(Barrier go, List<Exception> unexpected, Action call)
    {
        var thread = new Thread(() =>
        {
            go.SignalAndWait();
            try
            {
                while (true)
                {
                    call();
                }
            }
            catch (ObjectDisposedException)
            {
                // The end of the loop: the ring is disposed.
            }
            catch (Exception ex)
            {
                lock (unexpected)
                {
                    unexpected.Add(ex);
                }
            }
        }) { IsBackground = true };
        thread.Start();
        return thread;
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Three_threads_looping_CancelAll_and_three_submitting_never_deadlock(IoBackend backend)
    {
        // Before the fix the io_uring ring hung for good within seconds: every CancelAll took a submission entry,
        // and a submitter spun for space while holding the lock the ring thread needs to enter the kernel.
        using var ring = Backends.Create(backend, capacity: 8);
        // Runs until 500 operations have ended (or a generous cap on a slow, loaded machine); a hang is caught by
        // the bounded waits below, so the check is about progress, never about speed.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        long completed = 0;
        long cancelled = 0;

        // Dedicated threads for the cancellers: busy loops on pool threads would starve the continuations.
        var cancellers = Enumerable.Range(0, 3).Select(_ => new Thread(() =>
        {
            while (!stop.IsCancellationRequested && Interlocked.Read(ref completed) + Interlocked.Read(ref cancelled) < 500)
            {
                ring.CancelAll();
            }
        }) { IsBackground = true }).ToList();
        cancellers.ForEach(t => t.Start());
        var submitters = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && Interlocked.Read(ref completed) + Interlocked.Read(ref cancelled) < 500)
            {
                if (await ReliabilityAssert.CompletesOrIsCancelled(ring.NopAsync().AsTask()))
                {
                    Interlocked.Increment(ref completed);
                }
                else
                {
                    Interlocked.Increment(ref cancelled);
                }
            }
        })).ToList();

        Task all = Task.WhenAll(submitters);
        Assert.True(await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(45))) == all, "submitters racing CancelAll loops did not finish within 45 s (hang)");
        await all;
        stop.Cancel();
        cancellers.ForEach(t => ReliabilityAssert.Joins(t, "a CancelAll loop"));
        Assert.True(completed + cancelled >= 500, $"only {completed + cancelled} operations ended in 30 s");
        Assert.Equal(0, ring.InFlightCount);

        // The ring still works afterwards.
        await ReliabilityAssert.Within(ring.NopAsync().AsTask(), "a Nop after the storm");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_late_cancel_never_uses_up_the_next_occupants_cancel(IoBackend backend)
    {
        using var ring = Backends.Create(backend, capacity: 1);
        using var pipe = new Pipe();

        using (var first = new CancellationTokenSource())
        {
            Task<PollEvents> poll = ring.PollAsync(pipe.ReadFd, PollEvents.In, first.Token).AsTask();
            await Task.Delay(20);
            first.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AwaitBounded(poll));
        }

        ulong firstId = ring.Table[0].Id;
        using var second = new CancellationTokenSource();
        Task<PollEvents> next = ring.PollAsync(pipe.ReadFd, PollEvents.In, second.Token).AsTask();
        await Task.Delay(20);
        Assert.NotEqual(firstId, ring.Table[0].Id);

        // A cancel for the first occupant that lost the race with its completion arrives now: it must not mark
        // the cancel of the slot's new occupant as already sent.
        Assert.False(ring.Table[0].TryMarkCancelSent(firstId));

        second.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AwaitBounded(next));
    }

    private static async Task<PollEvents> AwaitBounded(Task<PollEvents> task)
    {
        await ReliabilityAssert.Within(ReliabilityAssert.CompletesOrIsCancelled(task), "the poll");
        return await task;
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Giving_back_an_unstarted_slot_wakes_a_waiting_Dispose(IoBackend backend)
    {
        var ring = IoRing.Create(new IoRingOptions { Backend = backend, Capacity = 4, DisposeTimeout = TimeSpan.FromSeconds(20) });
        Assert.True(ring.Table.TryRent(out Operations.Operation admitted));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var disposer = new Thread(ring.Dispose) { IsBackground = true };
        disposer.Start();
        Thread.Sleep(200); // Dispose is now waiting for the one admitted operation

        // Its start fails (say its buffer could not be pinned): the rollback is the last thing in flight.
        ring.Table.Unadmit(admitted);
        ReliabilityAssert.Joins(disposer, "Dispose");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Dispose waited {clock.Elapsed} (its timeout is 20 s)");
        Assert.Empty(ring.Abandoned);
    }
}
