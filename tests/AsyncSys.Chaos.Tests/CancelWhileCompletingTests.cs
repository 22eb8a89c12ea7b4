using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Chaos.Tests;

/// <summary>
/// Control calls racing the end of offloaded calls. A cancel request that finds a call on a worker reads the call's
/// hook while the call may be finishing and its slot being released: the long chaos mix met a NullReferenceException
/// from <c>CancelAll</c> there (seed 225860250). Here many short calls with a cancel hook end on workers while
/// another thread cancels everything, over and over.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class CancelWhileCompletingTests
{
    [Fact]
    public async Task CancelAll_while_offloaded_calls_with_a_hook_finish_never_throws_and_every_call_ends_once()
    {
        var baseline = ProcessBaseline.Take();
        using var ring = IoRing.Create(new IoRingOptions
        {
            Name = "chaos-cancel-race",
            RunShortBlockingCallsOnCaller = false, // every call on a worker, where a cancel reads its hook
        });

        TimeSpan duration = ChaosSettings.Long ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(2);
        using var stop = new CancellationTokenSource(duration);
        long started = 0;
        long ended = 0;
        long cancelCalls = 0;
        Exception? controlFailure = null;

        // Several cancelling threads and many more calls than cores: a cancelling thread preempted between two reads of
        // a call's state is what opens the window, and on two cores that needs threads competing for them.
        var cancellers = new List<Thread>();
        for (int c = 0; c < 3; c++)
        {
            var canceller = new Thread(() =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    ring.CancelAll();
                    Interlocked.Increment(ref cancelCalls);
                }
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref controlFailure, ex, null); // the assertion below reports it, with its stack
            }
        })
            {
                IsBackground = true,
                Name = "chaos CancelAll",
            };
            canceller.Start();
            cancellers.Add(canceller);
        }

        var loops = new List<Task>();
        for (int i = 0; i < 64; i++)
        {
            loops.Add(Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref started);
                    try
                    {
                        BlockingResult<int> result = await ring.RunBlockingAsync(
                            7,
                            static (ref int state) => state,
                            static call => call.InterruptWorker());
                        Assert.Equal(7, result.Value);
                    }
                    catch (OperationCanceledException)
                    {
                        // CancelAll got there first: a cancelled end is an end.
                    }

                    Interlocked.Increment(ref ended);
                }
            }));
        }

        await Task.WhenAll(loops).WaitAsync(duration + TimeSpan.FromSeconds(30));
        foreach (Thread canceller in cancellers)
        {
            canceller.Join();
        }

        Assert.Null(controlFailure);
        Assert.True(started > 1000, $"only {started} calls started");
        Assert.True(cancelCalls > 100, $"only {cancelCalls} CancelAll calls");
        Assert.Equal(started, ended);
        ring.Dispose();
        Assert.Null(baseline.WaitForReturn(threadSlack: int.MaxValue, within: TimeSpan.FromSeconds(10)));
    }
}
