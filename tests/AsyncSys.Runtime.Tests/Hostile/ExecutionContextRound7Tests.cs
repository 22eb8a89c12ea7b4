using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Round 7, the managed side under attack: what a continuation sees. An operation's task is a .NET awaitable, so the
/// rules of any awaitable apply (docs/backends.md says where continuations run; nothing says they differ): the
/// ExecutionContext (AsyncLocal values, the thread's culture) flows into the continuation of an await and into a
/// callback given to <c>OnCompleted</c>, not into one given to <c>UnsafeOnCompleted</c> or under
/// <see cref="ExecutionContext.SuppressFlow"/>; a value a callback sets never leaks into the next operation's callback
/// on the same completion thread; a captured SynchronizationContext or TaskScheduler gets the continuation unless
/// <c>ConfigureAwait(false)</c>; and a task consumed once after it completed (<c>AsTask()</c>, <c>Preserve()</c>,
/// <c>Result</c>, <c>GetAwaiter().GetResult()</c>) gives its result and its slot back (docs/cancellation.md: await
/// each task exactly once; <c>.Result</c> before completion is undefined, so after it is one consumption).
/// </summary>
public sealed class ExecutionContextRound7Tests
{
    private static readonly AsyncLocal<string?> Flowed = new();

    /// <summary>A read on <paramref name="pipe"/> that waits until the test writes its byte after it reached the backend.</summary>
    private static async Task Feed(IoRing ring, RawPipe pipe, byte value)
    {
        await Hostile.UntilPending(ring);
        pipe.Put(value);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task AsyncLocal_values_and_the_culture_flow_into_continuations_and_never_leak_into_the_next_ones(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        var wrong = new ConcurrentQueue<string>();
        var turkish = CultureInfo.GetCultureInfo("tr-TR");
        await Hostile.Run(ring, mode, async () =>
        {
            using var pipe = new RawPipe();
            for (int round = 0; round < Hostile.Rounds(6, 60); round++)
            {
                // An await: the value and the culture set before it are there after it, on whatever thread.
                Flowed.Value = $"await-{round}";
                CultureInfo.CurrentCulture = turkish;
                var buffer = new byte[4];
                ValueTask<int> read = ring.ReadAsync(pipe.Read, buffer);
                Task feed = Feed(ring, pipe, 1);
                await read;
                await feed;
                if (Flowed.Value != $"await-{round}" || !ReferenceEquals(CultureInfo.CurrentCulture, turkish))
                {
                    wrong.Enqueue($"round {round}: after an await, AsyncLocal '{Flowed.Value}' and culture {CultureInfo.CurrentCulture.Name}");
                }

                // OnCompleted, ConfigureAwait(false).OnCompleted: the context of the call to OnCompleted flows.
                // UnsafeOnCompleted and OnCompleted under SuppressFlow: nothing flows, and the callback sees no value
                // a previous callback set on that thread (each runs in the completion thread's own context).
                for (int kind = 0; kind < 5; kind++)
                {
                    string tag = $"cb{kind}-{round}";
                    var seen = new TaskCompletionSource<(string? Value, string Culture, int Result)>(TaskCreationOptions.RunContinuationsAsynchronously);
                    var one = new byte[1];
                    ValueTask<int> op = ring.ReadAsync(pipe.Read, one);
                    Flowed.Value = tag;
                    CultureInfo.CurrentCulture = turkish;
                    Action callback = null!;
                    switch (kind)
                    {
                        case 0:
                            ValueTaskAwaiter<int> awaiter0 = op.GetAwaiter();
                            callback = () => seen.TrySetResult((Flowed.Value, CultureInfo.CurrentCulture.Name, awaiter0.GetResult()));
                            awaiter0.OnCompleted(Leaky(callback));
                            break;
                        case 1:
                            ConfiguredValueTaskAwaitable<int>.ConfiguredValueTaskAwaiter awaiter1 = op.ConfigureAwait(false).GetAwaiter();
                            callback = () => seen.TrySetResult((Flowed.Value, CultureInfo.CurrentCulture.Name, awaiter1.GetResult()));
                            awaiter1.OnCompleted(Leaky(callback));
                            break;
                        case 2:
                            ValueTaskAwaiter<int> awaiter2 = op.GetAwaiter();
                            callback = () => seen.TrySetResult((Flowed.Value, CultureInfo.CurrentCulture.Name, awaiter2.GetResult()));
                            awaiter2.UnsafeOnCompleted(Leaky(callback));
                            break;
                        case 3:
                            ConfiguredValueTaskAwaitable<int>.ConfiguredValueTaskAwaiter awaiter3 = op.ConfigureAwait(false).GetAwaiter();
                            callback = () => seen.TrySetResult((Flowed.Value, CultureInfo.CurrentCulture.Name, awaiter3.GetResult()));
                            awaiter3.UnsafeOnCompleted(Leaky(callback));
                            break;
                        default:
                            ValueTaskAwaiter<int> awaiter4 = op.GetAwaiter();
                            callback = () => seen.TrySetResult((Flowed.Value, CultureInfo.CurrentCulture.Name, awaiter4.GetResult()));
                            using (ExecutionContext.SuppressFlow())
                            {
                                awaiter4.OnCompleted(Leaky(callback));
                            }

                            break;
                    }

                    // The byte comes from a context with no value (a fresh thread), after the read reached the backend.
                    Task feeder;
                    using (ExecutionContext.SuppressFlow())
                    {
                        feeder = Task.Run(() => Feed(ring, pipe, (byte)(kind + 10)));
                    }

                    await feeder;
                    (string? value, string culture, int result) = await Hostile.Within(seen.Task, ring, $"callback {kind}");
                    bool flows = kind is 0 or 1;
                    string? expected = flows ? tag : null;
                    if (value != expected || result != 1 || one[0] != kind + 10 || (flows && culture != "tr-TR"))
                    {
                        wrong.Enqueue($"round {round}, {Kinds[kind]}: callback saw AsyncLocal '{value}' (expected '{expected}'), culture '{culture}', result {result}, byte {one[0]}");
                    }
                }
            }
        });

        Assert.True(wrong.IsEmpty, $"{backend} {mode}:\n" + string.Join("\n", wrong.Take(16)));
        Assert.Equal(0, ring.InFlightCount);
    }

    private struct PipeByte
    {
        public int Fd;
    }

    private static unsafe long ReadOne(ref PipeByte call)
    {
        byte b;
        return Sys.read(call.Fd, &b, 1) == 1 ? b : -1;
    }

    /// <summary>
    /// The same for blocking calls (<see cref="IoRing.RunBlockingAsync{TState}"/>): a callback given to
    /// <c>UnsafeOnCompleted</c> that sets an AsyncLocal value and the culture on the completing thread (a worker on an
    /// inline ring) leaves nothing for the next call's callback.
    /// </summary>
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_blocking_calls_callback_leaves_nothing_in_the_context_of_the_next_ones(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode, o => o.RunShortBlockingCallsOnCaller = false);
        var wrong = new ConcurrentQueue<string>();
        await Hostile.Run(ring, mode, async () =>
        {
            using var pipe = new RawPipe();
            for (int round = 0; round < Hostile.Rounds(8, 80); round++)
            {
                var seen = new TaskCompletionSource<(string? Value, string Culture, long Result)>(TaskCreationOptions.RunContinuationsAsynchronously);
                Flowed.Value = $"blocking-{round}";
                ValueTask<BlockingResult<PipeByte>> call = ring.RunBlockingAsync(new PipeByte { Fd = pipe.Read }, static (ref PipeByte c) => ReadOne(ref c));
                ValueTaskAwaiter<BlockingResult<PipeByte>> awaiter = call.GetAwaiter();
                awaiter.UnsafeOnCompleted(Leaky(() => seen.TrySetResult((Flowed.Value, CultureInfo.CurrentCulture.Name, awaiter.GetResult().Value))));
                Task feeder;
                using (ExecutionContext.SuppressFlow())
                {
                    feeder = Task.Run(() => Feed(ring, pipe, (byte)(round + 1)));
                }

                await feeder;
                (string? value, string culture, long result) = await Hostile.Within(seen.Task, ring, $"blocking call {round}");
                if (value != null || culture == "ja-JP" || result != round + 1)
                {
                    wrong.Enqueue($"round {round}: the callback saw AsyncLocal '{value}', culture '{culture}', result {result}");
                }
            }
        });

        Assert.True(wrong.IsEmpty, $"{backend} {mode}:\n" + string.Join("\n", wrong.Take(16)));
        Assert.Equal(0, ring.InFlightCount);
    }

    private static readonly string[] Kinds = { "OnCompleted", "ConfigureAwait(false).OnCompleted", "UnsafeOnCompleted", "ConfigureAwait(false).UnsafeOnCompleted", "OnCompleted under SuppressFlow" };

    /// <summary>
    /// Wraps <paramref name="callback"/> so that, after it ran, it sets an AsyncLocal value in the context it runs in:
    /// if the completion thread does not restore its own context after a callback, the next callback there sees it.
    /// </summary>
    private static Action Leaky(Action callback) => () =>
    {
        callback();
        Flowed.Value = "leaked by a previous callback";
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("ja-JP");
    };

    /// <summary>A SynchronizationContext with one thread of its own, counting what is posted to it.</summary>
    internal sealed class OneThreadContext : SynchronizationContext, IDisposable
    {
        private readonly BlockingCollection<(SendOrPostCallback, object?)> _queue = new();
        private readonly Thread _thread;
        private int _posts;

        public OneThreadContext()
        {
            _thread = new Thread(() =>
            {
                SetSynchronizationContext(this);
                foreach ((SendOrPostCallback callback, object? state) in _queue.GetConsumingEnumerable())
                {
                    callback(state);
                }
            }) { IsBackground = true, Name = "one-thread-context" };
            _thread.Start();
        }

        public Thread Thread => _thread;

        public int Posts => Volatile.Read(ref _posts);

        public override void Post(SendOrPostCallback d, object? state)
        {
            Interlocked.Increment(ref _posts);
            _queue.Add((d, state));
        }

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException();

        public Task<T> Run<T>(Func<Task<T>> body)
        {
            var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(async _ =>
            {
                try
                {
                    done.SetResult(await body());
                }
                catch (Exception e)
                {
                    done.SetException(e);
                }
            }, null);
            return done.Task;
        }

        public void Dispose()
        {
            _queue.CompleteAdding();
            _thread.Join();
            _queue.Dispose();
        }
    }

    public static TheoryData<IoBackend, DeliveryMode> OffRingModes
    {
        get
        {
            var cases = new TheoryData<IoBackend, DeliveryMode>();
            foreach (IoBackend backend in new[] { IoBackend.IoUring, IoBackend.LinuxAio, IoBackend.Workers })
            {
                foreach (DeliveryMode mode in new[] { DeliveryMode.Pool, DeliveryMode.PoolTryFirst, DeliveryMode.Inline })
                {
                    cases.Add(backend, mode);
                }
            }

            return cases;
        }
    }

    /// <summary>
    /// Code on a SynchronizationContext of its own (a UI-like thread) and code under a TaskScheduler of its own: an
    /// await resumes there (posted, also on an inline-continuation ring), <c>ConfigureAwait(false)</c> does not. The
    /// ring's own context (<see cref="DeliveryMode.RingContext"/>) is the contract matrix's business.
    /// </summary>
    [Theory]
    [MemberData(nameof(OffRingModes))]
    public async Task A_captured_SynchronizationContext_or_TaskScheduler_gets_the_continuation_unless_ConfigureAwait_false(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var context = new OneThreadContext();
        using var pipe = new RawPipe();
        using var file = new TempFile(4096);
        using var handle = file.Open();
        var wrong = new List<string>();
        for (int round = 0; round < Hostile.Rounds(6, 60); round++)
        {
            // Each round starts on the context's thread.
            wrong.AddRange(await Hostile.Within(context.Run(async () =>
            {
                var found = new List<string>();

                // A read that waits, and a file read (completed at once by the attempt on the caller, or not).
                var buffer = new byte[1];
                Task feed = Task.Run(() => Feed(ring, pipe, 5));
                int n = await ring.ReadAsync(pipe.Read, buffer);
                if (Thread.CurrentThread != context.Thread || SynchronizationContext.Current != context || n != 1)
                {
                    found.Add($"round {round}: after await of a waiting read: thread '{Thread.CurrentThread.Name}', context {SynchronizationContext.Current?.GetType().Name ?? "null"}, n {n}");
                    return found;
                }

                await feed;
                n = await ring.ReadAsync(handle, new byte[512], 0);
                if (Thread.CurrentThread != context.Thread || n != 512)
                {
                    found.Add($"round {round}: after await of a file read: thread '{Thread.CurrentThread.Name}', n {n}");
                    return found;
                }

                int postsBefore = context.Posts;
                feed = Task.Run(() => Feed(ring, pipe, 6));
                n = await ring.ReadAsync(pipe.Read, buffer).ConfigureAwait(false);
                bool offContext = Thread.CurrentThread != context.Thread && SynchronizationContext.Current != context;
                bool posted = context.Posts != postsBefore;
                await feed.ConfigureAwait(false);
                // On the context's thread without a post is a read that completed before the await looked (the byte
                // can come first): the continuation then runs synchronously. Resumed through the context is the fault.
                if (posted || n != 1)
                {
                    found.Add($"round {round}: ConfigureAwait(false) of a waiting read: on the context's thread {!offContext}, posted {posted}, n {n}");
                }

                return found;
            }), ring, $"round {round} on a SynchronizationContext of its own"));
        }

        // Under an exclusive TaskScheduler (no SynchronizationContext): awaits resume on it, ConfigureAwait(false) not.
        var pair = new ConcurrentExclusiveSchedulerPair();
        TaskScheduler exclusive = pair.ExclusiveScheduler;
        for (int round = 0; round < Hostile.Rounds(6, 60); round++)
        {
            // Each round starts as a task on the exclusive scheduler.
            wrong.AddRange(await Hostile.Within(Task.Factory.StartNew(async () =>
            {
                var found = new List<string>();
                var buffer = new byte[1];
                Task feed = Task.Run(() => Feed(ring, pipe, 7));
                int n = await ring.ReadAsync(pipe.Read, buffer);
                if (TaskScheduler.Current != exclusive || n != 1)
                {
                    found.Add($"round {round}: after await under the exclusive scheduler: TaskScheduler.Current {(TaskScheduler.Current == exclusive ? "exclusive" : "other")}, n {n}");
                }

                await feed;
                feed = Task.Run(() => Feed(ring, pipe, 8));
                // A read already complete when the await looks (the byte can come first: the feeder waits only for some
                // operation to be in flight) continues synchronously, still under the scheduler and in the same task, as in
                // the rounds above. A resumption through the scheduler is a new task of it: that is the fault. (Asking
                // IsCompleted before the await left a window: a read completing between that look and the await's own
                // continued synchronously and was reported.)
                int? step = Task.CurrentId;
                n = await ring.ReadAsync(pipe.Read, buffer).ConfigureAwait(false);
                if ((TaskScheduler.Current == exclusive && Task.CurrentId != step) || n != 1)
                {
                    found.Add($"round {round}: ConfigureAwait(false) resumed under the exclusive scheduler, n {n}");
                }

                await feed.ConfigureAwait(false);
                return found;
            }, CancellationToken.None, TaskCreationOptions.None, exclusive).Unwrap(), ring, $"round {round} under an exclusive TaskScheduler"));
        }

        pair.Complete();

        Assert.True(wrong.Count == 0, $"{backend} {mode}:\n" + string.Join("\n", wrong.Take(16)));
        Assert.Equal(0, ring.InFlightCount);
    }

    /// <summary>
    /// A task consumed once, after it completed, through each of .NET's ways: <c>AsTask()</c>, <c>Preserve()</c>,
    /// <c>Result</c> and <c>GetAwaiter().GetResult()</c> (after <c>IsCompleted</c>), and awaited. On a ring of one
    /// slot, each gives the read's byte and gives the slot back (the next call is admitted).
    /// </summary>
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_task_consumed_once_after_it_completed_gives_its_result_and_its_slot_back(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode, capacity: 1);
        var wrong = new List<string>();
        await Hostile.Run(ring, mode, async () =>
        {
            using var pipe = new RawPipe();
            for (int round = 0; round < Hostile.Rounds(5, 50); round++)
            {
                for (int way = 0; way < 5; way++)
                {
                    var buffer = new byte[1];
                    byte value = (byte)((round * 5) + way + 1);
                    bool ready = round % 2 == 1; // odd rounds: the byte is there before the call (done at once, or not)
                    if (ready)
                    {
                        pipe.Put(value);
                    }

                    ValueTask<int> op = ring.ReadAsync(pipe.Read, buffer);
                    if (!ready)
                    {
                        await Hostile.UntilPending(ring);
                        pipe.Put(value);
                    }

                    await Hostile.Until(() => op.IsCompleted, "the read completed");
                    int n;
                    try
                    {
                        n = way switch
                        {
                            0 => await op.AsTask(),
                            1 => await op.Preserve(),
                            2 => op.Result,
                            3 => op.GetAwaiter().GetResult(),
                            _ => await op,
                        };
                    }
                    catch (Exception e)
                    {
                        wrong.Add($"round {round}, {Ways[way]}: {e.GetType().Name}: {e.Message}");
                        continue;
                    }

                    if (n != 1 || buffer[0] != value)
                    {
                        wrong.Add($"round {round}, {Ways[way]}: {n}, byte {buffer[0]} (wanted {value})");
                    }
                }
            }

            // The one slot is free: a nop is admitted and ends.
            await Hostile.Within(ring.NopAsync().AsTask(), ring, "a nop on the 1-slot ring");
        });

        Assert.True(wrong.Count == 0, $"{backend} {mode}:\n" + string.Join("\n", wrong.Take(16)));
        Assert.Equal(0, ring.InFlightCount);
    }

    private static readonly string[] Ways = { "AsTask()", "Preserve()", ".Result", "GetAwaiter().GetResult()", "await" };
}
