using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Reliability;

/// <summary>
/// Code on the ring thread (ring-context loops, inline continuations) has its entries held and written in one go per
/// pass. Here such code submits reads that its token, a deadline (a linked timeout), CancelByFd or CancelAll end,
/// while other threads fill the small submission queue and a ring disposal comes in the middle: every operation must
/// end exactly once, and nothing may be left in flight (an entry held and never written would hang its loop).
/// </summary>
public sealed class RingThreadSubmissionStressTests
{
    private static readonly TimeSpan Duration = Environment.GetEnvironmentVariable("ASYNCSYS_CHAOS_LONG") == "1"
        ? TimeSpan.FromSeconds(20)
        : TimeSpan.FromSeconds(1.5);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Held_ring_thread_entries_end_once_under_cancels_deadlines_a_full_queue_and_disposal(bool inlineContinuations)
    {
        IoRing ring = IoRing.Create(new IoRingOptions
        {
            Backend = IoBackend.IoUring,
            Capacity = 8, // a 64-entry submission queue: the pool loops below keep it close to full
            Name = "held-entries-" + inlineContinuations,
            InlineContinuations = inlineContinuations,
            TryNonBlockingFirst = false,
        });
        var pipes = Enumerable.Range(0, 4).Select(_ => new Pipe()).ToArray();
        long started = 0, ended = 0, unexpected = 0;
        using var stop = new CancellationTokenSource();

        async Task Counted(Func<ValueTask> operation)
        {
            Interlocked.Increment(ref started);
            try
            {
                await operation();
            }
            catch (OperationCanceledException)
            {
            }
            catch (ErrnoException ex) when (ex.Errno == Errno.ETIME)
            {
            }
            catch (ObjectDisposedException)
            {
                Interlocked.Increment(ref ended);
                throw; // ends the loop
            }
            catch (Exception)
            {
                Interlocked.Increment(ref unexpected);
                throw;
            }

            Interlocked.Increment(ref ended);
        }

        async Task RingLoop(int loop)
        {
            var random = new Random(loop);
            var buffer = new byte[1];
            while (true)
            {
                Pipe pipe = pipes[random.Next(pipes.Length)];
                switch (random.Next(5))
                {
                    case 0:
                        await Counted(() => ring.NopAsync());
                        break;
                    case 1:
                        // Cancelled before the entry is written (the same pass) or soon after.
                        using (var cancel = new CancellationTokenSource())
                        {
                            ValueTask<int> read = ring.ReadAsync(pipe.ReadFd, buffer, cancel.Token);
                            if (random.Next(2) == 0)
                            {
                                cancel.Cancel();
                            }
                            else
                            {
                                cancel.CancelAfter(random.Next(1, 3));
                            }

                            await Counted(async () => await read);
                        }

                        break;
                    case 2:
                        await Counted(async () => await ring.SubmitAsync(RingRequest.Read(pipe.ReadFd, buffer, -1).WithTimeout(TimeSpan.FromMilliseconds(random.Next(1, 3)))));
                        break;
                    case 3:
                        // Ended by the canceller thread (CancelByFd / CancelAll), a writer, or the disposal.
                        await Counted(async () => await ring.ReadAsync(pipe.ReadFd, buffer));
                        break;
                    default:
                        // Several held together in one pass, then awaited.
                        ValueTask a = ring.NopAsync();
                        ValueTask<int> b = ring.SubmitAsync(RingRequest.Read(pipe.ReadFd, buffer, -1).WithTimeout(TimeSpan.FromMilliseconds(1)));
                        ValueTask c = ring.NopAsync();
                        await Counted(() => a);
                        await Counted(async () => await b);
                        await Counted(() => c);
                        break;
                }
            }
        }

        async Task PoolLoop()
        {
            while (!stop.IsCancellationRequested)
            {
                await Counted(() => ring.NopAsync());
            }
        }

        var canceller = new Thread(() =>
        {
            var random = new Random(7);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    if (random.Next(4) == 0)
                    {
                        ring.CancelAll();
                    }
                    else
                    {
                        ring.CancelByFd(pipes[random.Next(pipes.Length)].ReadFd);
                    }

                    pipes[random.Next(pipes.Length)].Write(new byte[] { 1 });
                }
                catch (ObjectDisposedException)
                {
                    return;
                }

                Thread.Sleep(1);
            }
        }) { IsBackground = true };

        Task[] ringLoops = Enumerable.Range(0, 6).Select(i => ring.RunOnRingAsync(() => RingLoop(i))).ToArray();
        Task[] poolLoops = Enumerable.Range(0, 4).Select(_ => Task.Run(PoolLoop)).ToArray();
        canceller.Start();
        await Task.Delay(Duration);

        // On a loaded machine the time may run only a few hundred operations (a clean-clone run beside three builds, load
        // 34: 205): go on until the test has done what it is for, for at most 30 s more.
        for (int waited = 0; Interlocked.Read(ref started) <= 1000 && waited < 300; waited++)
        {
            await Task.Delay(100);
        }

        stop.Cancel();
        ReliabilityAssert.Joins(canceller, "the canceller");
        await ReliabilityAssert.Within(Task.WhenAll(poolLoops), "the pool loops");

        // The ring loops never stop on their own: the disposal ends them, each with its operation in flight.
        ring.Dispose();
        foreach (Task loop in ringLoops)
        {
            await ReliabilityAssert.Within(loop.ContinueWith(_ => { }, TaskScheduler.Default), "a ring loop after disposal");
            Assert.IsType<ObjectDisposedException>(loop.Exception?.InnerException);
        }

        Assert.Empty(ring.Abandoned);
        Assert.Equal(0, Interlocked.Read(ref unexpected));
        Assert.Equal(Interlocked.Read(ref started), Interlocked.Read(ref ended));
        Assert.True(started > 1000, $"only {started} operations ran");
        foreach (Pipe pipe in pipes)
        {
            pipe.Dispose();
        }
    }
}
