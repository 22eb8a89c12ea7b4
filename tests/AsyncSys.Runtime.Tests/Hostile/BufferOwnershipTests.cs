using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// "A buffer stays pinned until the kernel's own completion for that op has arrived: after cancel, after Dispose,
/// always" (ARCHITECTURE invariant 2), checked from the outside: a counting MemoryManager, and a sentinel byte written
/// into the pipe at the moment the buffer is let go, which a read the kernel still held would take.
/// </summary>
public sealed class BufferOwnershipTests
{
    public static TheoryData<IoBackend, DeliveryMode, string> EndingsMatrix
    {
        get
        {
            var cases = new TheoryData<IoBackend, DeliveryMode, string>();
            foreach (object[] row in DeliveryModes.Matrix)
            {
                foreach (string how in new[] { "token", "CancelAll", "CancelByFd", "deadline", "Dispose" })
                {
                    cases.Add((IoBackend)row[0], (DeliveryMode)row[1], how);
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(EndingsMatrix))]
    public async Task A_read_ended_early_lets_go_of_its_buffer_only_when_the_kernel_no_longer_reads_into_it(IoBackend backend, DeliveryMode mode, string how)
    {
        IoRing ring = Hostile.Create(backend, mode);
        using var pipe = new RawPipe();
        int armed = 0, sentinels = 0;
        var buffer = new CountingBuffer(16, () =>
        {
            // Only once the read is known to be with the backend (an attempt on the caller pins and lets go too).
            if (Volatile.Read(ref armed) == 1)
            {
                pipe.Put(0xEE);
                Interlocked.Increment(ref sentinels);
            }
        });
        var ledger = new Ledger();
        (Ending Ending, int Value, Exception? Error) outcome = default;

        await Hostile.Run(ring, mode, async () =>
        {
            using var cts = new CancellationTokenSource();
            RingRequest request = RingRequest.Read(pipe.Read, buffer.Memory, -1);
            if (how == "deadline")
            {
                request = request.WithTimeout(TimeSpan.FromMilliseconds(200));
            }

            Task<(Ending, int, Exception?)> read = ledger.Track(() => ring.SubmitAsync(request, cts.Token), "read");
            await Hostile.UntilPending(ring);
            Volatile.Write(ref armed, 1);
            switch (how)
            {
                case "token":
                    cts.Cancel();
                    break;
                case "CancelAll":
                    ring.CancelAll();
                    break;
                case "CancelByFd":
                    ring.CancelByFd(pipe.Read);
                    break;
                case "Dispose":
                    await Task.Run(ring.Dispose);
                    break;
            }

            outcome = await read;

            // The await ends only after the buffer is let go.
            Assert.Equal(buffer.Pins, buffer.Unpins);
        });

        ring.Dispose();
        ledger.AssertEachEndedOnce();
        Assert.True(buffer.Pins >= 1, "the buffer was never pinned");
        Assert.Equal(buffer.Pins, buffer.Unpins);
        Ending expected = how == "Dispose" ? Ending.Disposed : how == "deadline" ? Ending.Errno : Ending.Cancelled;
        Assert.True(outcome.Ending == expected, $"ended {outcome.Ending}: {outcome.Error}");
        if (how == "deadline")
        {
            Assert.Equal(Errno.ETIME, ((ErrnoException)outcome.Error!).Errno);
        }

        Assert.True(sentinels >= 1, "the buffer was not let go after the read was with the backend");
        Assert.True(pipe.Pending == sentinels, $"the kernel read {sentinels - pipe.Pending} sentinel byte(s) into the buffer after it was let go");
        Assert.All(buffer.Bytes, b => Assert.Equal(0, b));
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Every_buffer_is_let_go_exactly_as_often_as_it_was_pinned_and_before_its_await_ends_under_a_random_mix(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode, capacity: 16);
        using var file = new TempFile(64 * 1024);
        using var handle = file.Open();
        var pipes = Enumerable.Range(0, 4).Select(_ => new RawPipe()).ToArray();
        var ledger = new Ledger();
        var buffers = new System.Collections.Concurrent.ConcurrentBag<CountingBuffer>();
        int rounds = Hostile.Rounds(150, 20_000);
        int seed = Environment.TickCount;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();

        await Hostile.Run(ring, mode, async () =>
        {
            using var stop = new CancellationTokenSource();
            Task chaos = Task.Run(async () =>
            {
                var random = new Random(seed);
                while (!stop.IsCancellationRequested)
                {
                    switch (random.Next(4))
                    {
                        case 0:
                            ring.CancelAll();
                            break;
                        case 1:
                            pipes[random.Next(pipes.Length)].Put(1, 2);
                            break;
                        default:
                            _ = ring.GetInFlightOperations();
                            break;
                    }

                    await Task.Delay(random.Next(2));
                }
            });

            async Task Worker(int id)
            {
                var random = new Random(seed + id);
                for (int i = 0; i < rounds; i++)
                {
                    var a = new CountingBuffer(512);
                    var b = new CountingBuffer(512);
                    buffers.Add(a);
                    buffers.Add(b);
                    using var cts = new CancellationTokenSource();
                    RawPipe pipe = pipes[random.Next(pipes.Length)];
                    long offset = 512L * random.Next(128);
                    Func<ValueTask<int>> call = random.Next(6) switch
                    {
                        0 => () => ring.ReadAsync(handle, a.Memory, offset, cts.Token),
                        1 => async () => { await ring.WriteAsync(handle, a.Memory, offset, cts.Token); return 0; },
                        2 => () => ring.ReadAsync(handle, new[] { a.Memory, b.Memory }, offset, cts.Token),
                        3 => () => ring.WriteAtMostAsync(handle, new ReadOnlyMemory<byte>[] { a.Memory, b.Memory }, offset, cts.Token),
                        4 => () => ring.ReadAsync(pipe.Read, a.Memory.Slice(0, 2), cts.Token),
                        _ => () => ring.SubmitAsync(RingRequest.Read(pipe.Read, a.Memory, -1).WithTimeout(TimeSpan.FromMilliseconds(random.Next(1, 4))), cts.Token),
                    };
                    Task<(Ending, int, Exception?)> op = ledger.Track(call, "op");
                    if (random.Next(3) == 0)
                    {
                        cts.CancelAfter(random.Next(3));
                    }

                    await op;
                    if (a.Pins != a.Unpins || b.Pins != b.Unpins)
                    {
                        failures.Enqueue($"an await ended with its buffer still pinned: {a.Pins}/{a.Unpins}, {b.Pins}/{b.Unpins}");
                    }
                }
            }

            await Task.WhenAll(Enumerable.Range(0, 3).Select(Worker));
            stop.Cancel();
            await chaos;
        });

        Assert.True(failures.IsEmpty, $"seed {seed}: " + string.Join("\n", failures.Take(10)));
        ledger.AssertEachEndedOnce();
        Assert.All(buffers, b => Assert.Equal(b.Pins, b.Unpins));
        Assert.Equal(0, ring.InFlightCount);
        foreach (RawPipe p in pipes)
        {
            p.Dispose();
        }
    }
}
