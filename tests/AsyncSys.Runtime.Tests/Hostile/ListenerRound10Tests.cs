using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Round 10: the listener and the connect side under attack. An accept storm against eight waiting accepts (every
/// connection returned exactly once, none leaked: the peers see the end of stream once the returned descriptors are
/// closed, and a child counts /proc/self/fd before and after), a listener shut down or closed under eight accepts, an
/// accept cancelled as its connection arrives (returned, or still there for the next accept: never accepted and lost,
/// docs/cancellation.md "Which new descriptors are closed on cancel"), and connects on blocking and non-blocking
/// sockets to a refused port and to a listener that never answers (docs/backends.md: every backend gives the same
/// answer).
/// </summary>
public sealed class ListenerRound10Tests
{
    public static TheoryData<DeliveryMode> Modes
    {
        get
        {
            var modes = new TheoryData<DeliveryMode>();
            foreach (DeliveryMode mode in Enum.GetValues<DeliveryMode>())
            {
                modes.Add(mode);
            }

            return modes;
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task An_accept_storm_against_eight_waiting_accepts_returns_every_connection_exactly_once(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode, capacity: 512);
        await Storm(ring, mode, Hostile.Rounds(200, 1000));
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task An_accept_storm_on_a_non_blocking_listener_returns_every_connection_exactly_once(IoBackend backend, DeliveryMode mode)
    {
        // A .NET listener is O_NONBLOCK once it was used asynchronously, and accept is then tried on the caller first
        // (docs/performance.md): those attempts race the eight accepts waiting on the ring for each connection.
        using IoRing ring = Hostile.Create(backend, mode, capacity: 512);
        await Storm(ring, mode, Hostile.Rounds(200, 1000), nonBlockingListener: true);
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task An_accept_storm_leaves_no_descriptor_behind_counted_in_a_child(IoBackend backend)
    {
        Child.AssertPassed(await Child.Run($"r10:storm:{backend}", 240), $"storm child {backend}");
    }

    /// <summary>The child's side: per mode, a storm to warm up, then the count of open descriptors around a second one.</summary>
    internal static int StormChild(IoBackend backend)
    {
        foreach (DeliveryMode mode in Enum.GetValues<DeliveryMode>())
        {
            using IoRing ring = Hostile.Create(backend, mode, capacity: 512);
            Storm(ring, mode, 40).GetAwaiter().GetResult();
            int before = Sys.OpenDescriptorCount();
            Storm(ring, mode, 300).GetAwaiter().GetResult();
            int after = Sys.OpenDescriptorCount();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (after > before && clock.Elapsed < Hostile.Bound)
            {
                // Only .NET's own lazily opened files could differ; give a closing thread its moment, bounded.
                Thread.Sleep(10);
                after = Sys.OpenDescriptorCount();
            }

            Child.Expect(after <= before, $"{mode}: {before} descriptors before a storm of 300, {after} after");
        }

        Console.WriteLine("DONE");
        return 0;
    }

    /// <summary>
    /// Eight accept loops wait on one listener while <paramref name="connections"/> peers connect from the pool; every
    /// descriptor returned is a distinct connection of a distinct peer, all peers are served, the backlog is empty, and
    /// once the returned descriptors are closed every peer reads the end of stream (a connection accepted but never
    /// returned would keep its peer waiting).
    /// </summary>
    internal static async Task Storm(IoRing ring, DeliveryMode mode, int connections, bool nonBlockingListener = false)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(connections + 16);
        int lfd = Sys.Fd(listener);
        if (nonBlockingListener)
        {
            Sys.SetNonBlocking(lfd, true);
        }

        var ledger = new Ledger();
        var accepted = new ConcurrentQueue<int>();
        var peers = new Socket[connections];
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                using var stop = new CancellationTokenSource();
                int count = 0;
                Task[] acceptors = Enumerable.Range(0, 8).Select(_ => Loop()).ToArray();
                await Hostile.UntilPending(ring, 8);

                await Hostile.Within(
                    Task.WhenAll(Enumerable.Range(0, connections).Select(i => Task.Run(() =>
                    {
                        var peer = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                        peers[i] = peer;
                        peer.Connect(listener.LocalEndPoint!);
                    }))),
                    ring,
                    "the storm's connects");
                await Hostile.Until(() => Volatile.Read(ref count) >= connections, $"every connection accepted ({connections})");
                stop.Cancel();
                await Hostile.Within(Task.WhenAll(acceptors), ring, "the accept loops after their token");

                async Task Loop()
                {
                    while (true)
                    {
                        (Ending ending, int fd, Exception? error) = await ledger.Track(() => ring.AcceptAsync(lfd, IoRing.SocketCloseOnExec, stop.Token), "accept");
                        if (ending == Ending.Result)
                        {
                            accepted.Enqueue(fd);
                            Interlocked.Increment(ref count);
                            continue;
                        }

                        Assert.True(ending == Ending.Cancelled, $"an accept of the storm ended {ending}: {error}");
                        return;
                    }
                }
            });

            ledger.AssertEachEndedOnce();
            int[] fds = accepted.ToArray();
            Assert.Equal(connections, fds.Length);
            Assert.Equal(fds.Length, fds.Distinct().Count());
            int[] peerPorts = fds.Select(Sys.PeerPort).OrderBy(p => p).ToArray();
            int[] localPorts = peers.Select(p => ((IPEndPoint)p.LocalEndPoint!).Port).OrderBy(p => p).ToArray();
            Assert.Equal(localPorts, peerPorts);
            Assert.Equal(0, Sys.Revents(lfd, 1 /* POLLIN */));

            // Closed by us, the only owner: every peer now reads the end of its stream.
            while (accepted.TryDequeue(out int fd))
            {
                Sys.close(fd);
            }

            int[] ends = await Hostile.Within(
                Task.WhenAll(peers.Select(p => p.ReceiveAsync(new byte[8].AsMemory()).AsTask())),
                ring,
                "every peer's end of stream");
            Assert.All(ends, n => Assert.Equal(0, n));
        }
        finally
        {
            while (accepted.TryDequeue(out int fd))
            {
                Sys.close(fd);
            }

            foreach (Socket? peer in peers)
            {
                peer?.Dispose();
            }
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Shutting_down_or_closing_a_listener_ends_each_of_eight_waiting_accepts_once_with_EINVAL(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        foreach (string how in new[] { "shutdown", "Socket.Dispose" })
        {
            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(16);
            int lfd = Sys.Fd(listener);
            var ledger = new Ledger();
            try
            {
                await Hostile.Run(ring, mode, async () =>
                {
                    Task<(Ending Ending, int Value, Exception? Error)>[] accepts = Enumerable.Range(0, 8)
                        .Select(_ => how == "shutdown"
                            ? ledger.Track(() => ring.AcceptAsync(lfd), "accept")
                            : ledger.Track(async () =>
                            {
                                (await ring.AcceptAsync(listener)).Dispose();
                                return 1;
                            }, "accept"))
                        .ToArray();
                    await Hostile.UntilPending(ring, 8);
                    if (how == "shutdown")
                    {
                        Sys.Check(Sys.shutdown(lfd, Sys.SHUT_RDWR), "shutdown(listener)");
                    }
                    else
                    {
                        // From the pool: Socket.Dispose waits for the accepts to let go (docs/cancellation.md).
                        await Hostile.Within(Task.Run(listener.Dispose), ring, "the listener's Dispose");
                    }

                    foreach (Task<(Ending Ending, int Value, Exception? Error)> accept in accepts)
                    {
                        (Ending ending, _, Exception? error) = await Hostile.Within(accept, ring, $"an accept after the listener's {how}");
                        Assert.True(ending == Ending.Errno && error is ErrnoException { Errno: Errno.EINVAL }, $"an accept after the listener's {how} ended {ending}: {error}");
                    }

                    if (how == "shutdown")
                    {
                        // A new accept on the shut-down listener: EINVAL at once.
                        ErrnoException late = await DeliveryModes.Fails<ErrnoException>(async () => await Hostile.Within(ring.AcceptAsync(lfd).AsTask(), ring, "an accept after the shutdown"));
                        Assert.Equal(Errno.EINVAL, late.Errno);
                    }
                });
            }
            finally
            {
                listener.Dispose();
            }

            ledger.AssertEachEndedOnce();
            Assert.Equal(8, ledger[Ending.Errno]);
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task An_accept_cancelled_as_its_connection_arrives_returns_it_or_leaves_it_for_the_next_accept(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(16);
        int lfd = Sys.Fd(listener);
        var ledger = new Ledger();
        int rounds = Hostile.Rounds(36, 400);
        var seen = new ConcurrentDictionary<string, int>();
        await Hostile.Run(ring, mode, async () =>
        {
            for (int round = 0; round < rounds; round++)
            {
                string ender = (round % 3) switch { 0 => "token", 1 => "CancelByFd", _ => "CancelAll" };
                using var cts = new CancellationTokenSource();
                using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                Task<(Ending Ending, int Value, Exception? Error)> accept = ledger.Track(() => ring.AcceptAsync(lfd, IoRing.SocketCloseOnExec, cts.Token), "accept");
                await Hostile.UntilPending(ring);
                int spin = (round * 97) % 3000;
                Task connect = Task.Run(() => peer.Connect(listener.LocalEndPoint!));
                Thread.SpinWait(spin);
                switch (ender)
                {
                    case "token":
                        cts.Cancel();
                        break;
                    case "CancelByFd":
                        ring.CancelByFd(lfd);
                        break;
                    default:
                        ring.CancelAll();
                        break;
                }

                (Ending ending, int fd, Exception? error) = await Hostile.Within(accept, ring, $"an accept ended by {ender} as its connection arrives");
                await Hostile.Within(connect, ring, "the connect");
                int port = ((IPEndPoint)peer.LocalEndPoint!).Port;
                if (ending == Ending.Result)
                {
                    Assert.Equal(port, Sys.PeerPort(fd));
                    Sys.close(fd);
                }
                else
                {
                    Assert.True(ending == Ending.Cancelled, $"an accept ended by {ender} ended {ending}: {error}");

                    // Either the connection was not taken (it waits in the backlog: the next accept returns it), or the
                    // kernel had accepted it when the cancel came and the ring closed it, as AcceptAsync's docs say ("a
                    // connection accepted after cancellation is closed, never returned"): then its peer reads the end.
                    // Never held open and unseen.
                    await Hostile.Until(
                        () => Sys.Revents(lfd, 1 /* POLLIN */) != 0 || Sys.Revents(Sys.Fd(peer), 1 /* POLLIN */) != 0,
                        $"the connection of a cancelled accept ({ender}) is in the backlog or closed");
                    if (Sys.Revents(lfd, 1) != 0)
                    {
                        int next = await Hostile.Within(ring.AcceptAsync(lfd).AsTask(), ring, "the next accept after a cancelled one");
                        Assert.Equal(port, Sys.PeerPort(next));
                        Sys.close(next);
                        ending = Ending.Errno; // recorded below as "left in the backlog"
                    }
                    else
                    {
                        Assert.True(peer.Receive(new byte[8]) == 0, "the peer of a connection closed after a cancelled accept read data");
                    }
                }

                seen.AddOrUpdate($"{ender} {(ending == Ending.Result ? "returned" : ending == Ending.Errno ? "left in the backlog" : "closed by the ring")}", 1, (_, n) => n + 1);
            }

            // Nothing is left in the backlog.
            Assert.Equal(0, Sys.Revents(lfd, 1 /* POLLIN */));
        });

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
        Console.WriteLine($"accept cancelled as its connection arrives ({backend}, {mode}): {string.Join(", ", seen.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}");
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Connects_on_blocking_and_non_blocking_sockets_to_a_refused_port_and_a_silent_listener_get_the_same_answer_on_every_backend(DeliveryMode mode)
    {
        int closedPort = Sys.ClosedPort(SocketType.Stream);

        // A listener whose accept queue is full drops further SYNs: a connect to it never completes (round 2).
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        silent.Listen(0);
        var fillers = Enumerable.Range(0, 4).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false }).ToArray();
        foreach (Socket f in fillers)
        {
            try
            {
                f.Connect(silent.LocalEndPoint!);
            }
            catch (SocketException)
            {
                // In progress: it fills the queue or is dropped; either way the queue is full after.
            }
        }

        await Task.Delay(50);
        byte[] refused = Sys.SockaddrIn(IPAddress.Loopback, closedPort);
        byte[] unanswered = Sys.SockaddrIn(IPAddress.Loopback, ((IPEndPoint)silent.LocalEndPoint!).Port);
        var answers = new Dictionary<IoBackend, string[]>();
        try
        {
            foreach (IoBackend backend in new[] { IoBackend.IoUring, IoBackend.LinuxAio, IoBackend.Workers })
            {
                using IoRing ring = Hostile.Create(backend, mode);
                var row = new List<string>();
                await Hostile.Run(ring, mode, async () =>
                {
                    foreach (bool nonBlocking in new[] { false, true })
                    {
                        row.Add(await Answer(ring, nonBlocking, s => ring.ConnectAsync(s, refused), "refused"));
                        row.Add(await Answer(ring, nonBlocking, async s => await ring.SubmitAsync(RingRequest.Connect(s, unanswered).WithTimeout(TimeSpan.FromMilliseconds(200))), "deadline"));
                        row.Add(await Answer(ring, nonBlocking, async s =>
                        {
                            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
                            await ring.ConnectAsync(s, unanswered, cts.Token);
                        }, "token"));
                    }
                });
                Assert.Equal(0, ring.InFlightCount);
                answers[backend] = row.ToArray();
            }
        }
        finally
        {
            foreach (Socket f in fillers)
            {
                f.Dispose();
            }
        }

        string table = string.Join("\n", answers.Select(p => $"{p.Key}: {string.Join(" | ", p.Value)}"));

        // Blocking sockets: what connect(2) answers, or the deadline, or the token.
        foreach (string[] row in answers.Values)
        {
            Assert.True(row[0] == "ECONNREFUSED" && row[1] == "ETIME" && row[2] == "cancelled", "blocking sockets:\n" + table);
        }

        // Non-blocking sockets: every backend gives the same answer.
        Assert.True(answers.Values.All(r => r.Skip(3).SequenceEqual(answers[IoBackend.IoUring].Skip(3))), "non-blocking sockets, the backends differ:\n" + table);
    }

    /// <summary>
    /// Review of round 10: a second connect on a non-blocking socket whose first connect is still waiting for its
    /// handshake. connect(2) and io_uring answer EALREADY at once (another connect is in progress); the workers parked
    /// it beside the first, where it waited (here, until its deadline: ETIME) and, once the handshake ended, could take
    /// the first connect's 0 (the first then got EISCONN). A connect of the socket once connected is EISCONN everywhere.
    /// The first connect ends by its token; the deadline only bounds a wrong wait.
    /// </summary>
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_second_connect_while_the_first_waits_for_its_handshake_is_EALREADY_at_once(IoBackend backend, DeliveryMode mode)
    {
        // A listener whose accept queue is full drops further SYNs: the first connect's handshake never ends.
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        silent.Listen(0);
        var fillers = Enumerable.Range(0, 4).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false }).ToArray();
        using var open = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        open.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        open.Listen(16);
        byte[] unanswered = Sys.SockaddrIn(IPAddress.Loopback, ((IPEndPoint)silent.LocalEndPoint!).Port);
        byte[] answered = Sys.SockaddrIn(IPAddress.Loopback, ((IPEndPoint)open.LocalEndPoint!).Port);
        int fd = Sys.Check(Sys.socket(Sys.AF_INET, Sys.SOCK_STREAM | Sys.SOCK_CLOEXEC | Sys.SOCK_NONBLOCK, 0), "socket");
        int other = Sys.Check(Sys.socket(Sys.AF_INET, Sys.SOCK_STREAM | Sys.SOCK_CLOEXEC | Sys.SOCK_NONBLOCK, 0), "socket");
        using IoRing ring = Hostile.Create(backend, mode);
        try
        {
            foreach (Socket f in fillers)
            {
                try
                {
                    f.Connect(silent.LocalEndPoint!);
                }
                catch (SocketException)
                {
                    // In progress: it fills the queue or is dropped; either way the queue is full after.
                }
            }

            await Hostile.Until(() => silent.Poll(0, SelectMode.SelectRead), "the silent listener's queue holds a connection");
            await Hostile.Run(ring, mode, async () =>
            {
                using var cts = new CancellationTokenSource();
                Task first = ring.ConnectAsync(fd, unanswered, cts.Token).AsTask();
                await Hostile.UntilPending(ring);
                ErrnoException e = await DeliveryModes.Fails<ErrnoException>(async () => await Hostile.Within(
                    ring.SubmitAsync(RingRequest.Connect(fd, unanswered).WithTimeout(TimeSpan.FromSeconds(3))).AsTask(), ring, "the second connect"));
                Assert.True(e.Errno == Errno.EALREADY, $"the second connect: {e.ErrnoName} (ETIME: it waited beside the first)");
                cts.Cancel();
                await DeliveryModes.Fails<OperationCanceledException>(() => Hostile.Within(first, ring, "the first connect, cancelled"));

                // Connected, then again: EISCONN.
                await Hostile.Within(ring.ConnectAsync(other, answered).AsTask(), ring, "a connect to a listener that answers");
                e = await DeliveryModes.Fails<ErrnoException>(async () => await Hostile.Within(ring.ConnectAsync(other, answered).AsTask(), ring, "a connect of a connected socket"));
                Assert.Equal(Errno.EISCONN, e.Errno);
            });
        }
        finally
        {
            Sys.close(fd);
            Sys.close(other);
            foreach (Socket f in fillers)
            {
                f.Dispose();
            }
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    /// <summary>How a connect on a fresh raw socket ended: "result", an errno name, "cancelled" or another exception.</summary>
    private static async Task<string> Answer(IoRing ring, bool nonBlocking, Func<int, ValueTask> connect, string what)
    {
        int fd = Sys.Check(Sys.socket(Sys.AF_INET, Sys.SOCK_STREAM | Sys.SOCK_CLOEXEC | (nonBlocking ? Sys.SOCK_NONBLOCK : 0), 0), "socket");
        try
        {
            Task<string> answer = Task.Run(async () =>
            {
                try
                {
                    await connect(fd);
                    return "result";
                }
                catch (ErrnoException e)
                {
                    return e.ErrnoName;
                }
                catch (OperationCanceledException)
                {
                    return "cancelled";
                }
            });
            return await Hostile.Within(answer, ring, $"a connect ({what}, {(nonBlocking ? "non-blocking" : "blocking")})");
        }
        finally
        {
            Sys.close(fd);
        }
    }
}
