using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Teardown from places that wait for themselves: Dispose and DisposeAsync, first or second, from inside a running
/// blocking call of the same ring and from inside a cancel hook (docs/cancellation.md: "Called ... from a cancel hook
/// ... Dispose closes admission and cancels at once and finishes the drain on the thread pool instead of waiting for
/// itself"; "A second Dispose or DisposeAsync ... returns when that disposal has ended (from the completion thread or a
/// cancel hook, at once)"); a disposal that waited for itself shows as the call listed in <see cref="IoRing.Abandoned"/>
/// after <see cref="IoRingOptions.DisposeTimeout"/>, so each test checks that list, never a time. In child processes:
/// work posted to the ring context that throws (invariant 7: a ring thread that breaks fails fast with context; a user
/// callback that throws is isolated and reported: either is allowed, silence or a hang is not), ProcessExit handlers
/// that dispose rings with operations in flight, and Environment.Exit during a quiesce, on the ring thread and inside a
/// blocking call.
/// </summary>
public sealed class TeardownRound5Tests
{
    private static IoRing Create(IoBackend backend, DeliveryMode mode) =>
        Hostile.Create(backend, mode, o => o.DisposeTimeout = TimeSpan.FromSeconds(3));

    private sealed class Box
    {
        public IoRing? Ring;
        public int Read;
        public volatile bool DisposeReturned;
        public bool Async;
    }

    private static void DisposeFromInside(Box box)
    {
        if (box.Async)
        {
            box.Ring!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        else
        {
            box.Ring!.Dispose();
        }

        box.DisposeReturned = true;
    }

    private static async Task DisposeInsideABlockingCall(IoBackend backend, DeliveryMode mode, bool async)
    {
        IoRing ring = Create(backend, mode);
        using var pipe = new RawPipe();
        var ledger = new Ledger();
        var box = new Box { Ring = ring, Async = async };
        Task<(Ending Ending, int Value, Exception? Error)>? read = null;
        Task<(Ending Ending, int Value, Exception? Error)>? call = null;
        await Hostile.Run(ring, mode, async () =>
        {
            read = ledger.Track(() => ring.ReadAsync(pipe.Read, new byte[1]), "read");

            // Started off the scenario's thread (a trusted site runs on its caller); the body disposes its own ring.
            call = ledger.Track(() => new ValueTask<int>(Task.Run(async () => (int)(await ring.RunBlockingAsync(box, static (ref Box b) =>
            {
                DisposeFromInside(b);
                return 42;
            })).Value)), "blocking call that disposes");
            await Hostile.Within(call, ring, "the blocking call that disposes its ring");
            await Hostile.Within(read, ring, "the read the disposal cancels");
        });

        Assert.True(box.DisposeReturned, "the Dispose inside the call never returned");
        var callEnding = await call!;
        Assert.True(callEnding.Ending is Ending.Result or Ending.Disposed, $"{callEnding.Ending} {callEnding.Error}");
        Assert.Equal(Ending.Disposed, (await read!).Ending);
        await ring.DisposeAsync();
        Assert.True(ring.Abandoned.Count == 0, $"the disposal waited for the call that made it and abandoned: {string.Join(", ", ring.Abandoned.Select(o => $"{o.Operation} {o.State}"))}");
        Assert.Throws<ObjectDisposedException>(() => ring.NopAsync());
        ledger.AssertEachEndedOnce();
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public Task Dispose_called_inside_a_running_blocking_call_of_the_same_ring_ends_everything_without_abandoning_the_call(IoBackend backend, DeliveryMode mode) =>
        DisposeInsideABlockingCall(backend, mode, async: false);

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public Task DisposeAsync_waited_for_inside_a_running_blocking_call_of_the_same_ring_ends_everything_without_abandoning_the_call(IoBackend backend, DeliveryMode mode) =>
        DisposeInsideABlockingCall(backend, mode, async: true);

    private static unsafe long WaitThenDispose(ref Box b)
    {
        byte x;
        nint n = Sys.read(b.Read, &x, 1);
        DisposeFromInside(b);
        return n;
    }

    private static async Task SecondDisposeInsideABlockingCall(IoBackend backend, DeliveryMode mode, bool async)
    {
        IoRing ring = Create(backend, mode);
        using var pipe = new RawPipe();
        var ledger = new Ledger();
        var box = new Box { Ring = ring, Read = pipe.Read, Async = async };
        Task<(Ending Ending, int Value, Exception? Error)>? call = null;
        Task? first = null;
        await Hostile.Run(ring, mode, async () =>
        {
            // The hook wakes the body by writing its byte; the body then disposes (a second time) and returns.
            call = ledger.Track(() => new ValueTask<int>(Task.Run(async () => (int)(await ring.RunBlockingAsync(box, static (ref Box b) => WaitThenDispose(ref b), _ => pipe.Put(1))).Value)), "blocking call");
            await Hostile.Until(() => ring.GetInFlightOperations().Any(o => o.State == InFlightState.OnWorker) || call.IsCompleted, "the call running");
            first = Task.Run(ring.Dispose);
            await Hostile.Within(first, ring, "the first Dispose");
            await Hostile.Within(call, ring, "the call");
        });

        Assert.True(box.DisposeReturned, "the second Dispose inside the call never returned");
        var ending = await call!;
        Assert.True(ending.Ending is Ending.Result or Ending.Cancelled or Ending.Disposed, $"{ending.Ending} {ending.Error}");
        Assert.True(ring.Abandoned.Count == 0, $"the first disposal and the second, inside the call it waits for, waited for each other: abandoned {string.Join(", ", ring.Abandoned.Select(o => $"{o.Operation} {o.State}"))}");
        ledger.AssertEachEndedOnce();
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public Task A_second_Dispose_inside_a_blocking_call_that_the_first_Dispose_woke_does_not_deadlock_with_it(IoBackend backend, DeliveryMode mode) =>
        SecondDisposeInsideABlockingCall(backend, mode, async: false);

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public Task A_second_DisposeAsync_inside_a_blocking_call_that_the_first_Dispose_woke_does_not_deadlock_with_it(IoBackend backend, DeliveryMode mode) =>
        SecondDisposeInsideABlockingCall(backend, mode, async: true);

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_second_Dispose_and_DisposeAsync_inside_the_cancel_hook_the_first_Dispose_called_return_at_once(IoBackend backend, DeliveryMode mode)
    {
        IoRing ring = Create(backend, mode);
        using var pipe = new RawPipe();
        var ledger = new Ledger();
        bool hookReturned = false;
        Task<(Ending Ending, int Value, Exception? Error)>? call = null;
        await Hostile.Run(ring, mode, async () =>
        {
            call = ledger.Track(() => new ValueTask<int>(Task.Run(async () => (int)(await ring.RunBlockingAsync(pipe.Read, static (ref int fd) =>
            {
                unsafe
                {
                    byte x;
                    return Sys.read(fd, &x, 1);
                }
            }, info =>
            {
                ring.Dispose();
                ring.DisposeAsync().AsTask().GetAwaiter().GetResult();
                info.InterruptWorker();
                pipe.Put(1);
                hookReturned = true;
            })).Value)), "hooked call");
            await Hostile.Until(() => ring.GetInFlightOperations().Any(o => o.State == InFlightState.OnWorker) || call.IsCompleted, "the call running");
            await Hostile.Within(Task.Run(ring.Dispose), ring, "the first Dispose");
            await Hostile.Within(call, ring, "the call");
        });

        Assert.True(hookReturned, "the hook never returned");
        Assert.True(ring.Abandoned.Count == 0, $"abandoned {string.Join(", ", ring.Abandoned.Select(o => $"{o.Operation} {o.State}"))}");
        ledger.AssertEachEndedOnce();
    }

    // ---- children ----

    [Fact]
    public async Task Work_posted_to_the_ring_context_that_throws_crashes_with_its_exception_or_is_reported_never_silently()
    {
        AssertLoudOrReported(await Child.Run("r5:post:post", 60), "post");
    }

    [Fact]
    public async Task An_async_void_method_on_the_ring_context_that_throws_crashes_with_its_exception_or_is_reported_never_silently()
    {
        AssertLoudOrReported(await Child.Run("r5:post:asyncvoid", 60), "asyncvoid");
    }

    [Fact]
    public async Task Work_posted_to_the_context_of_a_disposed_ring_that_throws_crashes_with_its_exception_or_is_reported_never_silently()
    {
        AssertLoudOrReported(await Child.Run("r5:post:afterdispose", 60), "afterdispose");
    }

    /// <summary>Either the process ended with the exception's message on its output (fail fast with context), or it lived, the ring kept working and the exception was reported (event 6).</summary>
    private static void AssertLoudOrReported((int Exit, string Out, string Err) run, string kind)
    {
        string all = $"{kind}: exit {run.Exit}\nstdout:\n{run.Out}\nstderr:\n{run.Err}";
        Assert.DoesNotContain("FAIL", run.Out, StringComparison.Ordinal);
        if (run.Exit == 0)
        {
            Assert.True(run.Out.Contains("DONE", StringComparison.Ordinal) && run.Out.Contains("reported: True", StringComparison.Ordinal), "the process lived and the exception was not reported:\n" + all);
        }
        else
        {
            Assert.True((run.Out + run.Err).Contains("posted-boom-5", StringComparison.Ordinal), "the process ended without naming the exception:\n" + all);
            Assert.Contains("posting", run.Out, StringComparison.Ordinal);
        }
    }

    internal static int PostChild(string kind)
    {
        using var events = new AsyncSysEvents();
        IoRing ring = IoRing.Create(new IoRingOptions { Backend = IoBackend.IoUring, Name = "hostile5-post" });
        SynchronizationContext context = ring.RingContext!;

        // Said before the post, not after: the posted work may throw and end the process before this thread prints
        // anything more (seen once in CI for a disposed ring, whose posts run on the pool at once).
        Console.WriteLine("posting");
        Console.Out.Flush();
        switch (kind)
        {
            case "post":
                context.Post(_ => throw new InvalidOperationException("posted-boom-5"), null);
                break;
            case "asyncvoid":
                context.Post(_ => Thrower(ring), null);
                break;
            case "afterdispose":
                ring.Dispose();
                context.Post(_ => throw new InvalidOperationException("posted-boom-5"), null);
                break;
        }

        // Keep the ring (or, once disposed, the pool) busy for a while: the exception has every chance to surface.
        using IoRing other = IoRing.Create(new IoRingOptions { Backend = IoBackend.IoUring, Name = "hostile5-post-other" });
        IoRing live = kind == "afterdispose" ? other : ring;
        for (int i = 0; i < 200; i++)
        {
            using var pipe = new RawPipe();
            var read = live.ReadAsync(pipe.Read, new byte[1]).AsTask();
            pipe.Put(1);
            Child.Expect(Child.Outcome(read) == "result 1", $"read {i} after the post");
            Thread.Sleep(5);
        }

        bool reported = events.Events.Any(e => e.Id == 6 && e.Payload.Any(p => p?.ToString()?.Contains("posted-boom-5", StringComparison.Ordinal) == true));
        Console.WriteLine($"reported: {reported}");
        ring.Dispose();
        Console.WriteLine("DONE");
        return 0;
    }

    private static async void Thrower(IoRing ring)
    {
        await ring.NopAsync();
        throw new InvalidOperationException("posted-boom-5");
    }

    [Fact]
    public async Task A_ProcessExit_handler_that_disposes_rings_with_operations_in_flight_ends_them_and_the_process_exits()
    {
        var run = await Child.Run("r5:exit:processexit", 60);
        Assert.True(run.Exit == 0 && run.Out.Contains("DONE", StringComparison.Ordinal) && !run.Out.Contains("FAIL", StringComparison.Ordinal), $"exit {run.Exit}\n{run.Out}\n{run.Err}");
    }

    [Fact]
    public async Task Environment_Exit_during_a_quiesce_with_a_ProcessExit_handler_that_disposes_the_ring_exits_with_its_code()
    {
        var run = await Child.Run("r5:exit:quiesce", 60);
        Assert.True(run.Exit == 7 && run.Out.Contains("DONE", StringComparison.Ordinal) && !run.Out.Contains("FAIL", StringComparison.Ordinal), $"exit {run.Exit}\n{run.Out}\n{run.Err}");
    }

    [Fact]
    public async Task Environment_Exit_on_the_ring_thread_with_a_handler_that_disposes_that_ring_exits_with_its_code()
    {
        var run = await Child.Run("r5:exit:ringthread", 60);
        Assert.True(run.Exit == 9 && run.Out.Contains("DONE", StringComparison.Ordinal) && !run.Out.Contains("FAIL", StringComparison.Ordinal), $"exit {run.Exit}\n{run.Out}\n{run.Err}");
    }

    [Fact]
    public async Task Environment_Exit_inside_a_blocking_call_with_a_handler_that_disposes_its_ring_exits_with_its_code()
    {
        var run = await Child.Run("r5:exit:blocking", 60);
        Assert.True(run.Exit == 11 && run.Out.Contains("DONE", StringComparison.Ordinal) && !run.Out.Contains("FAIL", StringComparison.Ordinal), $"exit {run.Exit}\n{run.Out}\n{run.Err}");
    }

    internal static int ExitChild(string kind)
    {
        var rings = new List<IoRing>();
        var pipes = new List<RawPipe>();
        var reads = new List<Task<int>>();
        foreach (IoBackend backend in new[] { IoBackend.IoUring, IoBackend.LinuxAio, IoBackend.Workers })
        {
            IoRing ring = IoRing.Create(new IoRingOptions { Backend = backend, Name = $"hostile5-exit-{backend}", DisposeTimeout = TimeSpan.FromSeconds(2) });
            rings.Add(ring);
            var pipe = new RawPipe();
            pipes.Add(pipe);
            reads.Add(ring.ReadAsync(pipe.Read, new byte[1]).AsTask());
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            // Exit called on the io_uring ring's own thread holds that thread in this handler: nothing can deliver that
            // ring's completions any more (as for any code that blocks the ring thread), so only the others are checked.
            // Likewise Exit called inside a blocking call: the runtime runs this handler on another thread while the
            // call waits in Exit, so the worker ring's Dispose waits for that call until DisposeTimeout and lists it.
            int first = kind == "ringthread" ? 1 : 0;
            int last = kind == "blocking" ? rings.Count - 1 : rings.Count;
            rings[0].Dispose();
            if (last < rings.Count)
            {
                rings[last].Dispose();
                Child.Expect(rings[last].Abandoned.Count <= 1, $"{rings[last].Name}: abandoned {rings[last].Abandoned.Count} (at most the call running Exit)");
            }

            for (int i = first; i < last; i++)
            {
                IoRing ring = rings[i];
                ring.Dispose();
                Child.Expect(ring.Abandoned.Count == 0, $"{ring.Name}: disposed in ProcessExit, abandoned {ring.Abandoned.Count}");
            }

            // The reads end (delivered on the pool), each ObjectDisposedException.
            for (int i = first; i < last; i++)
            {
                string outcome = Child.Outcome(reads[i], 10);
                Child.Expect(outcome == "disposed", $"{rings[i].Name}: the waiting read ended {outcome}");
            }

            Console.WriteLine("DONE");
            Console.Out.Flush();
        };

        switch (kind)
        {
            case "processexit":
                Console.WriteLine("main returns");
                return 0;

            case "quiesce":
            {
                // A quiesce waiting for ever on the stuck reads, and writers held behind it.
                Task<QuiesceResult> quiesce = rings[0].QuiesceAsync(Timeout.InfiniteTimeSpan).AsTask();
                Task held = Task.Run(async () => await rings[0].WriteAsync(pipes[0].Write, new byte[] { 1 }));
                Thread.Sleep(100);
                Console.WriteLine($"quiesce pending: {!quiesce.IsCompleted}, writer held: {!held.IsCompleted}");
                Task.Run(() => Environment.Exit(7));
                Thread.Sleep(Timeout.Infinite);
                return 1;
            }

            case "ringthread":
                rings[0].RunOnRingAsync(async () =>
                {
                    await rings[0].NopAsync();
                    Environment.Exit(9);
                });
                Thread.Sleep(Timeout.Infinite);
                return 1;

            case "blocking":
                _ = rings[2].RunBlockingAsync(0, static (ref int _) =>
                {
                    Environment.Exit(11);
                    return 0;
                }).AsTask();
                Thread.Sleep(Timeout.Infinite);
                return 1;
        }

        return 2;
    }
}
