using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Round 10: a server's connections under attack by their peers. A peer that never reads (the send waits with a full
/// socket buffer until a token, <c>CancelAll</c>, <c>CancelByFd</c>, <c>Dispose</c> or a reset ends it), a reset under a
/// waiting receive and send on one socket, several receives sharing a dribbled stream up to a half-close, and 500
/// connections each with a waiting receive, half cancelled by one token. Each operation ends exactly once with the
/// kernel's answer; what a send reports is exactly what the peer gets (docs/cancellation.md: a result is a result).
/// </summary>
public sealed class PeerRound10Tests
{
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_send_to_a_peer_that_never_reads_waits_until_a_token_CancelAll_CancelByFd_Dispose_or_a_reset_ends_it_with_exactly_the_bytes_it_reports(IoBackend backend, DeliveryMode mode)
    {
        foreach (string ender in new[] { "token", "CancelAll", "CancelByFd", "Dispose", "reset" })
        {
            IoRing ring = Hostile.Create(backend, mode);
            (Socket peer, Socket server) = Sys.TcpPair();
            int fd = Sys.Fd(server);
            var ledger = new Ledger();
            try
            {
                byte[] data = Sys.Pattern(12 << 20, seed: 10);
                int prefilled = FillWithPattern(fd, data);
                using var cts = new CancellationTokenSource();
                Task<(Ending Ending, int Value, Exception? Error)> send = null!;
                Task<(Ending Ending, int Value, Exception? Error)>? recv = null;
                (Ending Ending, int Value, Exception? Error) outcome = default;
                await Hostile.Run(ring, mode, async () =>
                {
                    if (ender == "reset")
                    {
                        // A receive waits on the same socket: the peer never sends either.
                        recv = ledger.Track(() => ring.ReceiveAsync(fd, new byte[64]), "recv");
                        await Hostile.UntilPending(ring);
                    }

                    send = ledger.Track(() => ring.SendAsync(fd, data.AsMemory(prefilled, 4 << 20), MessageFlags.None, ender == "token" ? cts.Token : default), "send");

                    // The kernel may free room just after the fill (acknowledged segments): then the send moves bytes
                    // and ends without waiting, which the accounting below takes too (round 2's lesson).
                    await Hostile.Until(
                        () => send.IsCompleted || ring.GetInFlightOperations().Count(o => o.State is InFlightState.OnRing or InFlightState.OnWorker) >= (ender == "reset" ? 2 : 1),
                        $"the send waits for room or ends ({ender})");
                    switch (ender)
                    {
                        case "token":
                            cts.Cancel();
                            break;
                        case "CancelAll":
                            ring.CancelAll();
                            break;
                        case "CancelByFd":
                            ring.CancelByFd(fd);
                            break;
                        case "reset":
                            Sys.Reset(peer);
                            break;
                    }

                    if (ender != "Dispose")
                    {
                        outcome = await Hostile.Within(send, ring, $"the send ended by {ender}");
                    }
                });

                if (ender == "Dispose")
                {
                    ring.Dispose();
                    outcome = await Hostile.Within(send, ring, "the send ended by Dispose");
                }

                (Ending ending, int sent, Exception? error) = outcome;
                bool moved = ending == Ending.Result && sent > 0 && sent <= 4 << 20;
                switch (ender)
                {
                    case "Dispose":
                        Assert.True(moved || ending == Ending.Disposed, $"a waiting send ended by Dispose ended {ending} {sent}: {error}");
                        break;
                    case "reset":
                        Assert.True(
                            moved || (ending == Ending.Errno && error is ErrnoException { Errno: Errno.ECONNRESET or Errno.EPIPE, Syscall: "send" }),
                            $"a waiting send whose peer reset ended {ending} {sent}: {error}");
                        // The kernel reports a reset once, to the first call that looks (the socket's pending error):
                        // the receive gets ECONNRESET, or the end of the stream (0) when the send took the error.
                        (Ending recvEnding, int recvValue, Exception? recvError) = await Hostile.Within(recv!, ring, "the recv after the reset");
                        int resets = (error is ErrnoException { Errno: Errno.ECONNRESET } ? 1 : 0) + (recvError is ErrnoException { Errno: Errno.ECONNRESET } ? 1 : 0);
                        Assert.True(
                            (recvEnding == Ending.Errno && recvError is ErrnoException { Errno: Errno.ECONNRESET, Syscall: "recv" })
                            || (recvEnding == Ending.Result && recvValue == 0),
                            $"a waiting recv whose peer reset ended {recvEnding} {recvValue}: {recvError}");

                        // Later sends on the reset connection fail (EPIPE once the reset was reported), with and without
                        // MSG_NOSIGNAL: without it the kernel also raises SIGPIPE, which .NET ignores, so the process lives.
                        foreach (MessageFlags flags in new[] { MessageFlags.None, MessageFlags.NoSignal, MessageFlags.None })
                        {
                            ErrnoException late = await DeliveryModes.Fails<ErrnoException>(async () => await Hostile.Within(ring.SendAsync(fd, new byte[] { 1 }, flags).AsTask(), ring, "a send after the reset"));
                            Assert.True(late.Errno is Errno.EPIPE or Errno.ECONNRESET && late.Syscall == "send", $"a send ({flags}) after the reset: {late.ErrnoName} {late.Syscall}");
                            resets += late.Errno == Errno.ECONNRESET ? 1 : 0;
                        }

                        // Never lost: some call of this socket was told of the reset, and only one.
                        Assert.True(resets == 1, $"the reset was reported {resets} times (send {ending} {error?.Message}, recv {recvEnding} {recvValue})");

                        break;
                    default:
                        Assert.True(moved || ending == Ending.Cancelled, $"a waiting send ended by {ender} ended {ending} {sent}: {error}");
                        break;
                }

                if (ender != "reset")
                {
                    // The peer now reads everything: exactly the prefix the fill and the send reported, then end of stream.
                    int reported = moved ? sent : 0;
                    Sys.Check(Sys.shutdown(fd, Sys.SHUT_WR), "shutdown");
                    byte[] received = await Hostile.Within(Task.Run(() => DrainUntilEof(Sys.Fd(peer))), ring, "the peer's drain");
                    Assert.Equal(prefilled + reported, received.Length);
                    Assert.True(data.AsSpan(0, received.Length).SequenceEqual(received), $"{ender}: the peer got other bytes than the reported prefix");
                }

                ledger.AssertEachEndedOnce();
                Assert.Equal(0, ring.InFlightCount);
            }
            finally
            {
                ring.Dispose();
                peer.Dispose();
                server.Dispose();
            }

            Assert.Empty(ring.Abandoned);
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Four_receives_waiting_on_one_connection_share_a_dribbled_stream_and_each_ends_once_with_zero_at_the_half_close(IoBackend backend, DeliveryMode mode)
    {
        await FourReceives(backend, mode, nonBlocking: false);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Four_receives_waiting_on_one_non_blocking_connection_share_a_dribbled_stream_and_each_ends_once_with_zero_at_the_half_close(IoBackend backend, DeliveryMode mode)
    {
        // A socket .NET used asynchronously is O_NONBLOCK: a receive that another one beat to a byte must wait again.
        await FourReceives(backend, mode, nonBlocking: true);
    }

    private static async Task FourReceives(IoBackend backend, DeliveryMode mode, bool nonBlocking)
    {
        const int Bytes = 250;
        using IoRing ring = Hostile.Create(backend, mode);
        (Socket peer, Socket server) = Sys.TcpPair();
        int fd = Sys.Fd(server);
        if (nonBlocking)
        {
            Sys.SetNonBlocking(fd, true);
        }

        var chunks = new ConcurrentQueue<byte[]>();
        var zeros = new int[4];
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                // Zero-length transfers on the idle connection: 0 at once, nothing moved.
                Assert.Equal(0, await Hostile.Within(ring.ReceiveAsync(fd, Memory<byte>.Empty).AsTask(), ring, "a zero-length recv"));
                Assert.Equal(0, await Hostile.Within(ring.SendAsync(fd, ReadOnlyMemory<byte>.Empty).AsTask(), ring, "a zero-length send"));
                Assert.Equal(0, Sys.Pending(Sys.Fd(peer)));

                Task[] loops = Enumerable.Range(0, 4).Select(i => Loop(i)).ToArray();
                await Hostile.UntilPending(ring, 4);

                // The peer dribbles single bytes, then half-closes.
                await Task.Factory.StartNew(
                    () =>
                    {
                        for (int i = 0; i < Bytes; i++)
                        {
                            peer.Send(new[] { (byte)i });
                            if (i % 3 == 0)
                            {
                                Thread.Yield();
                            }
                        }

                        peer.Shutdown(SocketShutdown.Send);
                    },
                    CancellationToken.None,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default);
                await Hostile.Within(Task.WhenAll(loops), ring, "the four receive loops");

                // End of stream repeats; the other direction still works.
                Assert.Equal(0, await Hostile.Within(ring.ReceiveAsync(fd, new byte[16]).AsTask(), ring, "a recv after the end"));
                Assert.Equal(1, await Hostile.Within(ring.SendAsync(fd, new byte[] { 42 }).AsTask(), ring, "a send back"));
                var back = new byte[4];
                Assert.Equal(1, peer.Receive(back));
                Assert.Equal(42, back[0]);
            });
        }
        finally
        {
            peer.Dispose();
            server.Dispose();
        }

        Assert.Equal(new[] { 1, 1, 1, 1 }, zeros);
        byte[][] all = chunks.ToArray();
        foreach (byte[] chunk in all)
        {
            for (int i = 1; i < chunk.Length; i++)
            {
                Assert.True(chunk[i] == chunk[i - 1] + 1, $"a receive returned bytes that were not consecutive in the stream: {string.Join(",", chunk)}");
            }
        }

        Assert.Equal(Enumerable.Range(0, Bytes).Select(i => (byte)i), all.SelectMany(c => c).OrderBy(b => b));
        Assert.Equal(0, ring.InFlightCount);

        async Task Loop(int index)
        {
            var buffer = new byte[65536];
            while (true)
            {
                int n = await ring.ReceiveAsync(fd, buffer);
                if (n == 0)
                {
                    Interlocked.Increment(ref zeros[index]);
                    return;
                }

                chunks.Enqueue(buffer.AsSpan(0, n).ToArray());
            }
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Five_hundred_waiting_receives_half_cancelled_by_one_token_half_completed_in_random_order_end_once_and_the_metrics_add_up(IoBackend backend, DeliveryMode mode)
    {
        const int Pairs = 500;
        string name = $"r10-many-{backend}-{mode}-{Guid.NewGuid():N}";
        using var meter = new RingsMeter(name);
        using IoRing ring = Hostile.Create(backend, mode, o => o.Name = name, capacity: 1024);
        var pairs = new (int A, int B)[Pairs];
        for (int i = 0; i < Pairs; i++)
        {
            pairs[i] = Sys.SocketPair();
        }

        var ledger = new Ledger();
        var outcomes = new (Ending Ending, int Value, Exception? Error)[Pairs];
        var buffers = new byte[Pairs][];
        try
        {
            using var cts = new CancellationTokenSource();
            await Hostile.Run(ring, mode, async () =>
            {
                var receives = new Task[Pairs];
                for (int i = 0; i < Pairs; i++)
                {
                    int index = i;
                    buffers[i] = new byte[16];
                    CancellationToken token = i % 2 == 0 ? cts.Token : default;
                    receives[i] = Task.Run(async () => outcomes[index] = await ledger.Track(() => ring.ReceiveAsync(pairs[index].A, buffers[index], MessageFlags.None, token), $"recv {index}"));
                }

                await Hostile.UntilPending(ring, Pairs);

                // The odd ones get their byte in a random order; the token fires from another thread part way through.
                var random = new Random(((int)backend * 10) + (int)mode);
                int[] order = Enumerable.Range(0, Pairs / 2).Select(k => (2 * k) + 1).OrderBy(_ => random.Next()).ToArray();
                int fireAt = random.Next(order.Length);
                Task? fired = null;
                for (int k = 0; k < order.Length; k++)
                {
                    if (k == fireAt)
                    {
                        fired = Task.Run(cts.Cancel);
                    }

                    Sys.WriteAll(pairs[order[k]].B, new[] { (byte)order[k] });
                }

                await fired!;
                await Hostile.Within(Task.WhenAll(receives), ring, "the 500 receives");
            });

            for (int i = 0; i < Pairs; i++)
            {
                if (i % 2 == 1)
                {
                    Assert.True(outcomes[i].Ending == Ending.Result && outcomes[i].Value == 1 && buffers[i][0] == (byte)i, $"recv {i} (written) ended {outcomes[i].Ending} {outcomes[i].Value}: {outcomes[i].Error}");
                }
                else
                {
                    Assert.True(outcomes[i].Ending == Ending.Cancelled, $"recv {i} (cancelled, nothing written) ended {outcomes[i].Ending} {outcomes[i].Value}: {outcomes[i].Error}");

                    // No receive is left armed in the kernel: a byte written now stays in the socket.
                    Sys.WriteAll(pairs[i].B, new byte[] { 7 });
                    Assert.Equal(1, Sys.Pending(pairs[i].A));
                }
            }
        }
        finally
        {
            foreach ((int a, int b) in pairs)
            {
                Sys.close(a);
                Sys.close(b);
            }
        }

        ledger.AssertEachEndedOnce();
        Assert.Equal(Pairs / 2, ledger[Ending.Result]);
        Assert.Equal(Pairs / 2, ledger[Ending.Cancelled]);
        Assert.Equal(0, ring.InFlightCount);
        Assert.True(
            meter["asyncsys.ops.submitted"] == Pairs && meter["asyncsys.ops.completed"] == Pairs / 2 && meter["asyncsys.ops.cancelled"] == Pairs / 2 && meter["asyncsys.ops.failed"] == 0,
            $"the metrics do not add up: {meter}");
    }

    /// <summary>Sends the pattern without waiting until the connection takes no more; returns how many bytes went.</summary>
    internal static unsafe int FillWithPattern(int fd, byte[] data)
    {
        int offset = 0;
        fixed (byte* p = data)
        {
            while (true)
            {
                nint n = Sys.send(fd, p + offset, 65536, Sys.MSG_DONTWAIT);
                if (n <= 0)
                {
                    return offset;
                }

                offset += (int)n;
                Assert.True(offset < 8 << 20, "the connection took more than 8 MiB without filling");
            }
        }
    }

    /// <summary>Reads <paramref name="fd"/> with plain blocking reads until end of stream.</summary>
    internal static unsafe byte[] DrainUntilEof(int fd)
    {
        var all = new System.IO.MemoryStream();
        var buffer = new byte[1 << 16];
        fixed (byte* p = buffer)
        {
            while (true)
            {
                nint n = Sys.read(fd, p, (nuint)buffer.Length);
                if (n <= 0)
                {
                    return all.ToArray();
                }

                all.Write(buffer, 0, (int)n);
            }
        }
    }
}
