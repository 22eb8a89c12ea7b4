using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// A token cancelled at every stage of an operation's life: before the call, between the call and the ring picking it
/// up, while the kernel holds it, while it waits for admission, and after it completed (docs/cancellation.md).
/// </summary>
public sealed class TokenStageTests
{
    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_token_cancelled_before_the_call_never_runs_any_kind_of_operation(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        using var pipe = new RawPipe();
        using var sockets = new LoopbackPair();
        using var file = new TempFile(4096);
        using var handle = file.Open();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        pipe.Put(1, 2, 3);
        sockets.Client.Send(new byte[] { 9 });
        string created = file.Path + ".created";
        bool ran = false;

        await Hostile.Run(ring, mode, async () =>
        {
            var calls = new List<(string, Func<Task>)>
            {
                ("pipe read", async () => await ring.ReadAsync(pipe.Read, new byte[3], cts.Token)),
                ("pipe write", async () => await ring.WriteAsync(pipe.Write, new byte[] { 4 }, cts.Token)),
                ("file write", async () => await ring.WriteAsync(handle, new byte[16], 0, cts.Token)),
                ("recv", async () => await ring.ReceiveAsync(sockets.Server.SafeHandle, new byte[1], cancellationToken: cts.Token)),
                ("send", async () => await ring.SendAsync(sockets.Server.SafeHandle, new byte[] { 5 }, cancellationToken: cts.Token)),
                ("accept", async () => await ring.AcceptAsync(sockets.Listener, cts.Token)),
                ("open", async () => (await ring.OpenAsync(created, OpenFlags.Create | OpenFlags.ReadWrite, cancellationToken: cts.Token)).Dispose()),
                ("poll", async () => await ring.PollAsync(pipe.Read, PollEvents.In, cts.Token)),
                ("nop", async () => await ring.NopAsync(cts.Token)),
                ("delay", async () => await ring.DelayAsync(TimeSpan.Zero, cts.Token)),
                ("fsync", async () => await ring.FsyncAsync(handle, cts.Token)),
                ("blocking call", async () => await ring.RunBlockingAsync(0, static (ref int _) => 0L, cancellationToken: cts.Token)),
                ("blocking call that marks", async () => await ring.RunBlockingAsync(0, (ref int _) => { ran = true; return 0L; }, cancellationToken: cts.Token)),
            };
            foreach ((string what, Func<Task> call) in calls)
            {
                OperationCanceledException e = await DeliveryModes.Fails<OperationCanceledException>(call);
                Assert.True(e.CancellationToken == cts.Token, $"{what}: the exception does not carry the caller's token");
            }
        });

        Assert.False(ran, "a blocking call ran although its token was cancelled before the call");
        Assert.Equal(3, pipe.Pending);
        Assert.Equal(1, sockets.Server.Available);
        Assert.Equal(file.Content, System.IO.File.ReadAllBytes(file.Path));
        Assert.False(System.IO.File.Exists(created), "open ran although its token was cancelled before the call");
        Assert.Equal(0, ring.InFlightCount);
        Assert.Equal(0, counts["asyncsys.ops.submitted"]);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_token_cancelled_right_after_the_call_either_cancels_the_read_or_returns_its_byte_never_losing_it(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var pipe = new RawPipe();
        var ledger = new Ledger();
        int rounds = Hostile.Rounds(60, 3000);
        int cancelled = 0, returned = 0;

        await Hostile.Run(ring, mode, async () =>
        {
            for (int round = 0; round < rounds; round++)
            {
                using var cts = new CancellationTokenSource();
                var buffer = new byte[1];

                // Cancel while the read is staged (called, not yet handed to the kernel) or just reached it; then
                // a byte arrives. Either the read was cancelled and the byte is still in the pipe, or it read the byte.
                Task<(Ending Ending, int Value, Exception?)> read = ledger.Track(() => ring.ReadAsync(pipe.Read, buffer, cts.Token), "read");
                if (round % 2 == 0)
                {
                    cts.Cancel();
                    pipe.Put((byte)(round + 1));
                }
                else
                {
                    pipe.Put((byte)(round + 1));
                    cts.Cancel();
                }

                (Ending ending, int value, _) = await read;
                if (ending == Ending.Cancelled)
                {
                    cancelled++;
                    Assert.Equal(1, pipe.Pending);
                    Assert.Equal((byte)(round + 1), Sys.Take(pipe.Read, 1)[0]);
                }
                else
                {
                    returned++;
                    Assert.Equal((Ending.Result, 1), (ending, value));
                    Assert.Equal((byte)(round + 1), buffer[0]);
                    Assert.Equal(0, pipe.Pending);
                }
            }
        });

        ledger.AssertEachEndedOnce();
        Assert.Equal(rounds, cancelled + returned);
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_token_cancelled_while_the_kernel_holds_the_operation_ends_it_cancelled_and_it_takes_nothing(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var pipe = new RawPipe();
        using var sockets = new LoopbackPair();
        using var listener = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        listener.Listen(4);
        var ledger = new Ledger();

        await Hostile.Run(ring, mode, async () =>
        {
            using var cts = new CancellationTokenSource();
            Task<(Ending Ending, int, Exception?)>[] ops =
            {
                ledger.Track(() => ring.ReadAsync(pipe.Read, new byte[4], cts.Token), "pipe read"),
                ledger.Track(() => ring.ReceiveAsync(sockets.Server.SafeHandle, new byte[4], cancellationToken: cts.Token), "recv"),
                ledger.Track(async () => (int)await ring.PollAsync(pipe.Read, PollEvents.In, cts.Token), "poll"),
                ledger.Track(() => ring.AcceptAsync((int)listener.SafeHandle.DangerousGetHandle(), cancellationToken: cts.Token), "accept"),
                ledger.Track(() => ring.DelayAsync(TimeSpan.FromHours(1), cts.Token), "delay"),
            };
            await Hostile.UntilPending(ring, ops.Length);
            cts.Cancel();
            await Task.WhenAll(ops);
            Assert.All(ops, o => Assert.Equal(Ending.Cancelled, o.Result.Ending));
        });

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);

        // Nothing was taken after the cancel: bytes and a connection that arrive now stay where they are.
        pipe.Put(1);
        sockets.Client.Send(new byte[] { 2 });
        using var client = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        Assert.Equal(1, pipe.Pending);
        await Hostile.Until(() => sockets.Server.Available == 1, "the byte reaches the server socket");
        Assert.True(listener.Poll(TimeSpan.FromSeconds(5), System.Net.Sockets.SelectMode.SelectRead), "the connection was accepted by a cancelled accept");
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_token_cancelled_after_completion_never_touches_the_operation_that_took_its_slot(IoBackend backend, DeliveryMode mode)
    {
        // Capacity 1: every operation takes the same slot, so a late cancel would hit the next occupant.
        using IoRing ring = Hostile.Create(backend, mode, capacity: 1);
        using var pipe = new RawPipe();
        int rounds = Hostile.Rounds(20, 1000);

        await Hostile.Run(ring, mode, async () =>
        {
            for (int round = 0; round < rounds; round++)
            {
                using var first = new CancellationTokenSource();
                pipe.Put(1);
                Assert.Equal(1, await ring.ReadAsync(pipe.Read, new byte[1], first.Token));

                var buffer = new byte[1];
                ValueTask<int> second = ring.ReadAsync(pipe.Read, buffer);
                await Hostile.UntilPending(ring);
                first.Cancel();
                ring.CancelByTag("nobody");
                pipe.Put((byte)(round + 2));
                Assert.Equal(1, await Hostile.Within(second.AsTask(), ring, "the second read"));
                Assert.Equal((byte)(round + 2), buffer[0]);
            }
        });

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_token_cancelled_while_waiting_for_a_slot_or_for_a_quiesced_ring_is_never_admitted(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode, capacity: 1);
        using var holder = new RawPipe();
        using var target = new RawPipe();
        using var counts = new ImmediateAttemptTests.RingCounts(ring.Name);
        var ledger = new Ledger();

        await Hostile.Run(ring, mode, async () =>
        {
            // The only slot is held by a read nobody feeds.
            Task<(Ending, int, Exception?)> held = ledger.Track(() => ring.ReadAsync(holder.Read, new byte[1]), "holder");
            await Hostile.UntilPending(ring);

            // A read on an empty pipe (a write could complete in the attempt on the caller, which needs no slot).
            using var waitingForSlot = new CancellationTokenSource();
            Task<(Ending Ending, int, Exception?)> blocked = ledger.Track(() => ring.ReadAsync(target.Read, new byte[1], waitingForSlot.Token), "read waiting for a slot");
            Assert.False(blocked.IsCompleted);
            waitingForSlot.Cancel();
            Assert.Equal(Ending.Cancelled, (await Hostile.Within(blocked, ring, "the cancelled waiter")).Ending);

            holder.Put(1);
            await held;

            QuiesceResult quiesce = await ring.QuiesceAsync(TimeSpan.FromSeconds(5));
            using var waitingForGate = new CancellationTokenSource();
            Task<(Ending Ending, int, Exception?)> gated = ledger.Track(() => ring.WriteAtMostAsync(target.Write, new byte[] { 2 }, waitingForGate.Token), "write behind the gate");
            Assert.False(gated.IsCompleted);
            waitingForGate.Cancel();
            Assert.Equal(Ending.Cancelled, (await Hostile.Within(gated, ring, "the cancelled gate waiter")).Ending);
            quiesce.Dispose();

            // The ring still works with its one slot.
            Assert.Equal(1, await ring.WriteAtMostAsync(target.Write, new byte[] { 3 }));
        });

        ledger.AssertEachEndedOnce();
        // Neither cancelled waiter ran: the write behind the gate never wrote, the read never took the last byte.
        Assert.Equal(new byte[] { 3 }, Sys.Take(target.Read, 8));
        Assert.Equal(2, counts["asyncsys.ops.submitted"]);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task One_token_shared_by_many_operations_and_fired_from_another_thread_ends_all_of_them_once(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode, capacity: 16);
        var pipes = Enumerable.Range(0, 24).Select(_ => new RawPipe()).ToArray();
        var ledger = new Ledger();

        await Hostile.Run(ring, mode, async () =>
        {
            using var cts = new CancellationTokenSource();

            // 24 reads on a 16-slot table: 16 in the kernel, 8 waiting for a slot, all under one token.
            Task<(Ending Ending, int, Exception?)>[] reads = pipes.Select(p => ledger.Track(() => ring.ReadAsync(p.Read, new byte[1], cts.Token), "read")).ToArray();
            await Hostile.UntilPending(ring, 16);
            await Task.Run(cts.Cancel);
            await Task.WhenAll(reads);
            Assert.All(reads, r => Assert.Equal(Ending.Cancelled, r.Result.Ending));
        });

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
        foreach (RawPipe p in pipes)
        {
            p.Put(1);
            Assert.Equal(1, p.Pending);
            p.Dispose();
        }
    }
}
