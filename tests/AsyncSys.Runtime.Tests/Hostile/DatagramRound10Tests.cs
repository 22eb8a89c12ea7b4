using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Round 10: datagrams and descriptor passing. A datagram larger than the buffer (MSG_TRUNC: the buffer's worth, the rest
/// dropped; with <see cref="MessageFlags.Truncate"/> its real length), recvmsg's source address written exactly as the
/// kernel does (its length, nothing past it), ECONNREFUSED from an ICMP port unreachable reported on a later call of a
/// connected socket and never on an unconnected one, and descriptors passed with SCM_RIGHTS to a recvmsg ended by a
/// token, <c>CancelAll</c>, <c>CancelByFd</c> or a deadline as the message arrives: the message is returned with its
/// descriptor or left queued for the next recvmsg, never lost and never leaked (docs/cancellation.md, the recvmsg row).
/// </summary>
public sealed class DatagramRound10Tests
{
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_datagram_larger_than_the_buffer_is_cut_to_it_and_recvmsg_writes_the_source_address_exactly(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        int receiver = Sys.Udp();
        int sender = Sys.Udp();
        byte[] to = Sys.SockName(receiver);
        byte[] from = Sys.SockName(sender);
        byte[] datagram = Sys.Pattern(100, seed: 5);
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                foreach (bool waiting in new[] { true, false })
                {
                    foreach (MessageFlags flags in new[] { MessageFlags.None, MessageFlags.Truncate })
                    {
                        string what = $"{(waiting ? "a waiting" : "a queued")} datagram, recv({flags})";
                        var small = new byte[10];
                        Task<int> recv;
                        if (waiting)
                        {
                            recv = ring.ReceiveAsync(receiver, small, flags).AsTask();
                            await Hostile.UntilPending(ring);
                            Sys.SendTo(sender, datagram, to);
                        }
                        else
                        {
                            Sys.SendTo(sender, datagram, to);
                            await Hostile.Until(() => Sys.Pending(receiver) > 0, "the datagram is queued");
                            recv = ring.ReceiveAsync(receiver, small, flags).AsTask();
                        }

                        int n = await Hostile.Within(recv, ring, what);
                        Assert.True(n == (flags == MessageFlags.Truncate ? 100 : 10), $"{what} returned {n}");
                        Assert.Equal(datagram.Take(10), small);

                        // The rest of the datagram is gone: the next one comes whole.
                        byte[] second = Sys.Pattern(7, seed: 6);
                        Sys.SendTo(sender, second, to);
                        var whole = new byte[64];
                        Assert.Equal(7, await Hostile.Within(ring.ReceiveAsync(receiver, whole).AsTask(), ring, "the next datagram"));
                        Assert.Equal(second, whole.Take(7));
                    }
                }

                // recvmsg: the source address is written with its length; with room for only 8 bytes the kernel writes
                // 8 and reports the real length (16); past what it wrote, the buffer is untouched.
                foreach ((int offered, MessageFlags flags) in new[] { (128, MessageFlags.None), (128, MessageFlags.Truncate), (8, MessageFlags.None) })
                {
                    string what = $"recvmsg with a {offered}-byte name ({flags})";
                    // Freed only once the kernel is done with it (a failed wait leaves it allocated).
                    var message = new NativeMessage(10, offered, 0);
                    Task<int> recv = ring.SubmitAsync(RingRequest.RecvMsg(receiver, message.Header, flags)).AsTask();
                    await Hostile.UntilPending(ring);
                    Sys.SendTo(sender, datagram, to);
                    int n = await Hostile.Within(recv, ring, what);
                    using var done = message;
                    Assert.True(n == (flags == MessageFlags.Truncate ? 100 : 10), $"{what} returned {n}");
                    Assert.Equal(datagram.Take(10), message.Data.ToArray());
                    Assert.True((message.Flags & Sys.MSG_TRUNC) != 0, $"{what}: msg_flags 0x{message.Flags:x} lacks MSG_TRUNC");
                    Assert.Equal(16, message.NameLength);
                    int written = Math.Min(offered, 16);
                    Assert.Equal(from.Take(written), message.Name.Slice(0, written).ToArray());
                    Assert.True(message.Name.Slice(written).ToArray().All(b => b == NativeMessage.Sentinel), $"{what}: bytes past the {written} written changed");
                }
            });
        }
        finally
        {
            Sys.close(receiver);
            Sys.close(sender);
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task ECONNREFUSED_from_a_port_unreachable_ends_a_later_call_of_a_connected_socket_and_never_reaches_an_unconnected_one(IoBackend backend, DeliveryMode mode)
    {
        string name = $"r10-icmp-{backend}-{mode}-{Guid.NewGuid():N}";
        using var meter = new RingsMeter(name);
        using IoRing ring = Hostile.Create(backend, mode, o => o.Name = name);
        byte[] closed = Sys.SockaddrIn(IPAddress.Loopback, Sys.ClosedPort(SocketType.Dgram));
        int connected = Sys.Udp();
        int unconnected = Sys.Udp();
        Sys.Connect(connected, closed);
        byte[] hello = "abc"u8.ToArray();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                // A receive waits; the send succeeds; the port unreachable that answers it ends the receive.
                Task<int> recv = ring.ReceiveAsync(connected, new byte[16]).AsTask();
                await Hostile.UntilPending(ring);
                Assert.Equal(3, await Hostile.Within(ring.SendAsync(connected, hello).AsTask(), ring, "the first send"));
                ErrnoException e = await DeliveryModes.Fails<ErrnoException>(() => Hostile.Within(recv, ring, "the waiting recv"));
                Assert.Equal("recv", e.Describe(Errno.ECONNREFUSED));

                // Reported once: the next send goes; its error arrives afterwards (POLLERR) and ends the send after it.
                Assert.Equal(3, await Hostile.Within(ring.SendAsync(connected, hello).AsTask(), ring, "the send after the error was reported"));
                await Hostile.Until(() => (Sys.Revents(connected, 0) & 8 /* POLLERR */) != 0, "the second port unreachable arrived");
                e = await DeliveryModes.Fails<ErrnoException>(async () => await Hostile.Within(ring.SendAsync(connected, hello).AsTask(), ring, "the send after the second error"));
                Assert.Equal("send", e.Describe(Errno.ECONNREFUSED));
                Assert.Equal(0, Sys.Revents(connected, 0));

                // The error already there when a receive starts: the receive reports it, it does not wait (a deadline
                // bounds the wait a lost error would cause).
                Assert.Equal(3, await Hostile.Within(ring.SendAsync(connected, hello).AsTask(), ring, "a third send"));
                await Hostile.Until(() => (Sys.Revents(connected, 0) & 8 /* POLLERR */) != 0, "the third port unreachable arrived");
                e = await DeliveryModes.Fails<ErrnoException>(async () => await Hostile.Within(
                    ring.SubmitAsync(RingRequest.Recv(connected, new byte[16], MessageFlags.None).WithTimeout(TimeSpan.FromSeconds(5))).AsTask(),
                    ring,
                    "a recv with the error pending"));
                Assert.Equal("recv", e.Describe(Errno.ECONNREFUSED));

                // The same for read(2) and readv(2) at the current position: the socket's error is theirs too.
                foreach (string how in new[] { "read", "readv" })
                {
                    Assert.Equal(3, await Hostile.Within(ring.SendAsync(connected, hello).AsTask(), ring, $"a send before the {how}"));
                    await Hostile.Until(() => (Sys.Revents(connected, 0) & 8 /* POLLERR */) != 0, $"the port unreachable before the {how} arrived");
                    e = await DeliveryModes.Fails<ErrnoException>(async () => await Hostile.Within(
                        how == "read" ? ring.ReadAsync(connected, new byte[16]).AsTask() : ring.ReadAsync(connected, new Memory<byte>[] { new byte[8], new byte[8] }).AsTask(),
                        ring,
                        $"a {how} with the error pending"));
                    Assert.True(e.Errno == Errno.ECONNREFUSED, $"a {how} with the error pending: {e.ErrnoName} {e.Syscall}");
                }

                // An unconnected socket: sendto through sendmsg succeeds and no error ever comes back; a receive waits
                // until its deadline.
                using (var message = new NativeMessage(3, 0, 0))
                {
                    hello.CopyTo(message.Data);
                    message.SetName(closed);
                    Assert.Equal(3, await Hostile.Within(ring.SubmitAsync(RingRequest.SendMsg(unconnected, message.Header, MessageFlags.None)).AsTask(), ring, "sendmsg to a closed port"));
                }

                e = await DeliveryModes.Fails<ErrnoException>(async () => await Hostile.Within(
                    ring.SubmitAsync(RingRequest.Recv(unconnected, new byte[16], MessageFlags.None).WithTimeout(TimeSpan.FromMilliseconds(200))).AsTask(),
                    ring,
                    "a recv on the unconnected socket with a deadline"));
                Assert.Equal(Errno.ETIME, e.Errno);
            });
        }
        finally
        {
            Sys.close(connected);
            Sys.close(unconnected);
        }

        Assert.Equal(0, ring.InFlightCount);

        // Every call counted once; the five ECONNREFUSED (and the deadline) as failed, never as completed or immediate.
        Assert.True(
            meter["asyncsys.ops.submitted"] == meter["asyncsys.ops.completed"] + meter["asyncsys.ops.cancelled"] + meter["asyncsys.ops.failed"]
            && meter["asyncsys.ops.failed"] >= 5
            && meter["asyncsys.ops.immediate"] <= meter["asyncsys.ops.completed"],
            $"the metrics do not add up: {meter}");
    }

    /// <summary>
    /// Review of round 10: errors the try-first attempt now reports as the answer are the ones the ring's (or the
    /// blocking) call gives for the caller's own flags: recv and send on a pipe ENOTSOCK, a UDP datagram larger than
    /// 64 KiB EMSGSIZE, a send on a socket shut for writing EPIPE (with NoSignal), each named by its syscall, and raw
    /// mode's -errno the same; every call counted once.
    /// </summary>
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Errors_a_socket_call_answers_at_once_are_the_same_with_and_without_the_attempt(IoBackend backend, DeliveryMode mode)
    {
        string name = $"r10-errs-{backend}-{mode}-{Guid.NewGuid():N}";
        using var meter = new RingsMeter(name);
        using IoRing ring = Hostile.Create(backend, mode, o => o.Name = name);
        using var pipe = new RawPipe();
        int udp = Sys.Udp();
        Sys.Connect(udp, Sys.SockName(udp));
        (int left, int right) = Sys.SocketPair();
        Sys.Check(Sys.shutdown(left, 1), "shutdown(SHUT_WR)");
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                (string What, Func<bool, Task<int>> Call, int Errno, string Syscall)[] cases =
                {
                    ("recv on a pipe", raw => Submit(raw, RingRequest.Recv(pipe.Read, new byte[8], MessageFlags.None)), Errno.ENOTSOCK, "recv"),
                    ("send on a pipe", raw => Submit(raw, RingRequest.Send(pipe.Write, new byte[8], MessageFlags.None)), Errno.ENOTSOCK, "send"),
                    ("a 70000-byte datagram", raw => Submit(raw, RingRequest.Send(udp, new byte[70000], MessageFlags.None)), Errno.EMSGSIZE, "send"),
                    ("a send on a socket shut for writing", raw => Submit(raw, RingRequest.Send(left, new byte[8], MessageFlags.NoSignal)), Errno.EPIPE, "send"),
                };
                foreach (var c in cases)
                {
                    foreach (bool raw in new[] { false, true })
                    {
                        if (raw)
                        {
                            Assert.True(await Hostile.Within(c.Call(true), ring, c.What) == -c.Errno, $"{c.What}, raw");
                        }
                        else
                        {
                            ErrnoException e = await DeliveryModes.Fails<ErrnoException>(() => Hostile.Within(c.Call(false), ring, c.What));
                            Assert.True(e.Errno == c.Errno && e.Syscall == c.Syscall, $"{c.What}: {e.ErrnoName} naming {e.Syscall}");
                        }
                    }
                }
            });
        }
        finally
        {
            Sys.close(udp);
            Sys.close(left);
            Sys.close(right);
        }

        Assert.Equal(0, ring.InFlightCount);
        Assert.True(
            meter["asyncsys.ops.submitted"] == 8 && meter["asyncsys.ops.failed"] == 8 && meter["asyncsys.ops.completed"] == 0 && meter["asyncsys.ops.immediate"] == 0,
            $"the metrics do not count each call once as failed: {meter}");

        Task<int> Submit(bool raw, RingRequest request) => (raw ? ring.SubmitRawAsync(request) : ring.SubmitAsync(request)).AsTask();
    }

    /// <summary>
    /// Review of round 10: a receive whose socket error is pending, submitted while every slot of the ring is taken. Tried
    /// first without a slot, the receive takes the error from the kernel (given once), then waits for a slot. Its token
    /// cancelled while it waits: it may end cancelled only if the error is still the socket's (the next call gets it),
    /// else it ends with the error; never cancelled with the error gone (the next receive would wait for ever). Left to
    /// wait, it ends ECONNREFUSED once a slot frees. The metrics count every admitted call once.
    /// </summary>
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_receive_with_its_error_pending_that_waits_for_a_slot_keeps_the_error_whether_cancelled_or_not(IoBackend backend, DeliveryMode mode)
    {
        string name = $"r10-slot-{backend}-{mode}-{Guid.NewGuid():N}";
        using var meter = new RingsMeter(name);
        using IoRing ring = Hostile.Create(backend, mode, o => o.Name = name, capacity: 2);
        byte[] closed = Sys.SockaddrIn(IPAddress.Loopback, Sys.ClosedPort(SocketType.Dgram));
        int connected = Sys.Udp();
        Sys.Connect(connected, closed);
        (int left, int right) = Sys.SocketPair();
        byte[] hello = "abc"u8.ToArray();
        var seen = new System.Collections.Generic.List<string>();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                foreach (bool cancel in new[] { true, false })
                {
                    // Both slots taken by receives on an idle socket pair.
                    Task<int>[] fillers = { ring.ReceiveAsync(right, new byte[1]).AsTask(), ring.ReceiveAsync(right, new byte[1]).AsTask() };
                    await Hostile.UntilPending(ring, 2);
                    Sys.SendTo(connected, hello, closed);
                    await Hostile.Until(() => (Sys.Revents(connected, 0) & 8 /* POLLERR */) != 0, "the port unreachable arrived");
                    using var cts = new CancellationTokenSource();
                    Task<int> recv = ring.ReceiveAsync(connected, new byte[16], MessageFlags.None, cts.Token).AsTask();
                    string ending;
                    if (cancel)
                    {
                        cts.Cancel();
                        try
                        {
                            ending = $"result {await Hostile.Within(recv, ring, "the cancelled recv")}";
                        }
                        catch (ErrnoException e)
                        {
                            // Named as any failed recv is (the syscall and its descriptor).
                            ending = e.Syscall == "recv" && e.Message.Contains($"fd {connected}", StringComparison.Ordinal) ? e.ErrnoName : $"{e.ErrnoName} ({e.Message})";
                        }
                        catch (OperationCanceledException)
                        {
                            ending = "cancelled";
                        }

                        bool stillPending = (Sys.Revents(connected, 0) & 8) != 0;
                        seen.Add($"{ending} (error still pending: {stillPending})");
                        Assert.True(
                            (ending == "cancelled" && stillPending) || (ending == "ECONNREFUSED" && !stillPending),
                            $"a recv cancelled while waiting for a slot ended {ending}, the socket's error {(stillPending ? "still pending" : "gone")}");
                    }

                    Sys.WriteAll(left, new byte[] { 1, 2 });
                    foreach (Task<int> filler in fillers)
                    {
                        Assert.Equal(1, await Hostile.Within(filler, ring, "a filler"));
                    }

                    if (!cancel)
                    {
                        ErrnoException e = await DeliveryModes.Fails<ErrnoException>(() => Hostile.Within(recv, ring, "the recv that waited for a slot"));
                        Assert.Equal("recv", e.Describe(Errno.ECONNREFUSED));
                    }
                    else if ((Sys.Revents(connected, 0) & 8) != 0)
                    {
                        // Cancelled with the error left pending: the next receive reports it.
                        ErrnoException e = await DeliveryModes.Fails<ErrnoException>(async () => await Hostile.Within(
                            ring.SubmitAsync(RingRequest.Recv(connected, new byte[16], MessageFlags.None).WithTimeout(TimeSpan.FromSeconds(5))).AsTask(), ring, "the recv after"));
                        Assert.Equal(Errno.ECONNREFUSED, e.Errno);
                    }
                }
            });
        }
        finally
        {
            Sys.close(connected);
            Sys.close(left);
            Sys.close(right);
        }

        Assert.Equal(0, ring.InFlightCount);
        Assert.True(
            meter["asyncsys.ops.submitted"] == meter["asyncsys.ops.completed"] + meter["asyncsys.ops.cancelled"] + meter["asyncsys.ops.failed"]
            && meter["asyncsys.ops.failed"] >= 1
            && meter["asyncsys.ops.immediate"] <= meter["asyncsys.ops.completed"],
            $"the metrics do not add up: {meter}");
        Console.WriteLine($"recv cancelled waiting for a slot ({backend}, {mode}): {string.Join(", ", seen)}");
    }

    /// <summary>
    /// Review of round 10: poll can call a socket readable for ever while the call still answers EAGAIN: a receive from
    /// the error queue (MSG_ERRQUEUE never waits, even on a blocking socket) with an ordinary datagram queued, and a
    /// non-blocking UDP socket shut for reading. The workers' "wait again after EAGAIN" turned both into a busy loop
    /// between the readiness lane and a worker (a core at 100 % until the deadline: ETIME) where io_uring and recv(2)
    /// answer at once. A deadline bounds each call; the answer is asserted, never a time.
    /// </summary>
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_receive_poll_calls_ready_but_the_call_refuses_answers_at_once_and_never_spins(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        var deadline = TimeSpan.FromSeconds(3);
        await Hostile.Run(ring, mode, async () =>
        {
            foreach (bool nonBlocking in new[] { false, true })
            {
                string how = nonBlocking ? "O_NONBLOCK" : "blocking";
                int fd = Sys.Udp();
                int shut = Sys.Udp();
                try
                {
                    Sys.SetNonBlocking(fd, nonBlocking);
                    Sys.SendTo(fd, new byte[] { 1, 2, 3 }, Sys.SockName(fd));
                    await Hostile.Until(() => Sys.Pending(fd) > 0, "the datagram is queued");

                    // The error queue is empty: EAGAIN, as recv(2) answers whatever the socket's mode.
                    ErrnoException e = await DeliveryModes.Fails<ErrnoException>(async () => await Hostile.Within(
                        ring.SubmitAsync(RingRequest.Recv(fd, new byte[16], MessageFlags.ErrorQueue).WithTimeout(deadline)).AsTask(), ring, $"recv(MSG_ERRQUEUE), {how}"));
                    Assert.True(e.Errno == Errno.EAGAIN, $"recv(MSG_ERRQUEUE), {how}: {e.ErrnoName} (ETIME: it waited, or spun, until the deadline)");
                    var message = new NativeMessage(16, 0, 64);
                    e = await DeliveryModes.Fails<ErrnoException>(async () => await Hostile.Within(
                        ring.SubmitAsync(RingRequest.RecvMsg(fd, message.Header, MessageFlags.ErrorQueue).WithTimeout(deadline)).AsTask(), ring, $"recvmsg(MSG_ERRQUEUE), {how}"));
                    message.Dispose();
                    Assert.True(e.Errno == Errno.EAGAIN, $"recvmsg(MSG_ERRQUEUE), {how}: {e.ErrnoName}");

                    // The datagram is still there for an ordinary receive; with MessageFlags.DontWait an empty socket is EAGAIN.
                    Assert.Equal(3, await Hostile.Within(ring.ReceiveAsync(fd, new byte[16]).AsTask(), ring, $"the datagram, {how}"));
                    e = await DeliveryModes.Fails<ErrnoException>(async () => await Hostile.Within(
                        ring.SubmitAsync(RingRequest.Recv(fd, new byte[16], MessageFlags.DontWait).WithTimeout(deadline)).AsTask(), ring, $"recv(MSG_DONTWAIT) of nothing, {how}"));
                    Assert.True(e.Errno == Errno.EAGAIN, $"recv(MSG_DONTWAIT) of nothing, {how}: {e.ErrnoName}");

                    // A connected UDP socket shut for reading: poll says readable (POLLRDHUP) for ever. A blocking recv(2)
                    // answers 0, a non-blocking one EAGAIN; io_uring answers 0 for both. Never the deadline.
                    Sys.SetNonBlocking(shut, nonBlocking);
                    Sys.Connect(shut, Sys.SockName(shut));
                    Sys.Check(Sys.shutdown(shut, 0), "shutdown(SHUT_RD)");
                    string answer;
                    try
                    {
                        answer = $"{await Hostile.Within(ring.SubmitAsync(RingRequest.Recv(shut, new byte[16], MessageFlags.None).WithTimeout(deadline)).AsTask(), ring, $"recv after SHUT_RD, {how}")}";
                    }
                    catch (ErrnoException refused)
                    {
                        answer = refused.ErrnoName;
                    }

                    Assert.True(answer == "0" || (nonBlocking && answer == "EAGAIN"), $"recv on a UDP socket shut for reading, {how}: {answer}");
                }
                finally
                {
                    Sys.close(fd);
                    Sys.close(shut);
                }
            }
        });
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_descriptor_passed_to_a_recvmsg_ended_as_it_arrives_is_returned_or_left_queued_never_leaked(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        var ledger = new Ledger();
        int rounds = Hostile.Rounds(32, 400);
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        await Hostile.Run(ring, mode, async () =>
        {
            for (int round = 0; round < rounds; round++)
            {
                string ender = (round % 4) switch { 0 => "token", 1 => "CancelAll", 2 => "CancelByFd", _ => "deadline" };
                (int left, int right) = Sys.SocketPair();
                using var passed = new RawPipe();
                Sys.SetNonBlocking(passed.Read, true);
                using var cts = new CancellationTokenSource();

                // Freed only once the kernel is done with it (a failed wait leaves it allocated).
                var message = new NativeMessage(16, 0, 64);
                try
                {
                    RingRequest request = RingRequest.RecvMsg(right, message.Header, MessageFlags.ControlCloseOnExec);
                    if (ender == "deadline")
                    {
                        request = request.WithTimeout(TimeSpan.FromMilliseconds(1 + (round % 3)));
                    }

                    Task<(Ending Ending, int Value, Exception? Error)> recv = ledger.Track(() => ring.SubmitAsync(request, ender == "token" ? cts.Token : default), "recvmsg");
                    if (round % 2 == 0)
                    {
                        await Hostile.UntilPending(ring);
                    }

                    byte data = (byte)(round + 1);
                    Task send = Task.Run(() => Sys.SendWithRights(left, data, passed.Write));
                    Thread.SpinWait((round * 131) % 4000);
                    switch (ender)
                    {
                        case "token":
                            cts.Cancel();
                            break;
                        case "CancelAll":
                            ring.CancelAll();
                            break;
                        case "CancelByFd":
                            ring.CancelByFd(right);
                            break;
                    }

                    await Hostile.Within(send, ring, "the sendmsg");
                    passed.CloseWrite();
                    (Ending ending, int n, Exception? error) = await Hostile.Within(recv, ring, $"a recvmsg ended by {ender}");
                    using var done = message;
                    seen.AddOrUpdate($"{ender} {ending}", 1, (_, c) => c + 1);
                    int[] fds;
                    if (ending == Ending.Result)
                    {
                        Assert.Equal(1, n);
                        Assert.Equal(data, message.Data[0]);
                        fds = message.ReceivedDescriptors();
                    }
                    else
                    {
                        Assert.True(
                            ending == Ending.Cancelled || (ender == "deadline" && error is ErrnoException { Errno: Errno.ETIME }),
                            $"a recvmsg ended by {ender} ended {ending}: {error}");

                        // Not taken: the message is still queued, with its descriptor.
                        var next = new NativeMessage(16, 0, 64);
                        Assert.Equal(1, await Hostile.Within(ring.SubmitAsync(RingRequest.RecvMsg(right, next.Header, MessageFlags.ControlCloseOnExec)).AsTask(), ring, "the next recvmsg"));
                        using var nextDone = next;
                        Assert.Equal(data, next.Data[0]);
                        fds = next.ReceivedDescriptors();
                    }

                    Assert.True(fds.Length == 1, $"round {round} ({ender}, {ending}): {fds.Length} descriptors received");

                    // It is the pipe's write end; closing it, the only copy left, gives the pipe its end of file.
                    Sys.WriteAll(fds[0], new[] { data });
                    Assert.Equal(new[] { data }, Sys.Take(passed.Read, 4));
                    Assert.True(Sys.IsCloseOnExec(fds[0]), "the received descriptor is not close-on-exec (MSG_CMSG_CLOEXEC)");
                    Sys.close(fds[0]);
                    await Hostile.Until(() => ReadsEndOfFile(passed.Read), $"round {round} ({ender}, {ending}): the passed write end was released (end of file)");
                }
                finally
                {
                    Sys.close(left);
                    Sys.close(right);
                }
            }
        });

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
    }

    private static unsafe bool ReadsEndOfFile(int fd)
    {
        byte b;
        return Sys.read(fd, &b, 1) == 0;
    }
}
