using System;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Operations;

namespace AsyncSys.Runtime.Tests;

/// <summary>Cancellation: the await ends only after the kernel's own completion, and never loses or leaks anything.</summary>
public sealed class CancellationTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Cancelling_a_never_ready_poll_throws_OperationCanceled(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var pipe = new Pipe();
        using var cts = new CancellationTokenSource();

        ValueTask<PollEvents> pending = ring.PollAsync(pipe.ReadFd, PollEvents.In, cts.Token);
        await Task.Delay(20);
        cts.Cancel();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pending);
        Assert.Equal(cts.Token, error.CancellationToken);
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_already_cancelled_token_never_reaches_the_kernel(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ring.ReadAsync(0, new byte[1], 0, cts.Token));
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_cancelled_recv_never_writes_its_buffer_after_the_await_and_loses_no_data(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var pair = new LoopbackPair();
        using var cts = new CancellationTokenSource();
        var buffer = new byte[16];
        Array.Fill(buffer, (byte)0xEE);

        ValueTask<int> receive = ring.ReceiveAsync(pair.Server.SafeHandle, buffer, 0, cts.Token);
        await Task.Delay(20);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await receive);

        pair.Client.Send(new byte[] { 1, 2, 3, 4 });
        await Task.Delay(100);
        Assert.All(buffer, b => Assert.Equal(0xEE, b));

        var next = new byte[16];
        Assert.Equal(4, await ring.ReceiveAsync(pair.Server.SafeHandle, next));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, next.AsSpan(0, 4).ToArray());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_cancelled_accept_never_leaks_the_connection(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        listener.Listen(4);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 3000 };
        client.Connect(listener.LocalEndPoint!);
        using var cts = new CancellationTokenSource();

        // The connection is already queued, so accept and cancel race: either outcome is allowed,
        // but a descriptor accepted after the cancel must be closed, never leaked.
        ValueTask<int> accepting = ring.AcceptAsync((int)listener.SafeHandle.DangerousGetHandle(), 0, cts.Token);
        cts.Cancel();
        try
        {
            Interop.Libc.close(await accepting);
        }
        catch (OperationCanceledException)
        {
        }

        listener.Close();

        // Whoever held the server side has closed it: the client sees end of stream or a reset, not silence.
        int received = -1;
        SocketError error = SocketError.Success;
        try
        {
            received = client.Receive(new byte[1]);
        }
        catch (SocketException ex)
        {
            error = ex.SocketErrorCode;
        }

        Assert.NotEqual(SocketError.TimedOut, error);
        Assert.True(received == 0 || error == SocketError.ConnectionReset, $"received {received}, error {error}");
    }

    [Fact]
    public async Task A_late_cancel_for_a_recycled_slot_leaves_the_new_occupant_alone()
    {
        using var ring = IoRing.Create(new IoRingOptions { Capacity = 1 });
        await ring.NopAsync();
        Operation slot = ring.Table[0];
        ulong firstId = slot.Id;

        using var pipe = new Pipe();
        ValueTask<PollEvents> second = ring.PollAsync(pipe.ReadFd, PollEvents.In);
        Assert.Same(slot, ring.Table[0]);
        Assert.NotEqual(firstId, slot.Id);

        bool taken = slot.RequestCancel(CancelReason.Caller, firstId);
        ring.RingBackend.Cancel(slot, firstId); // the kernel matches user_data exactly: no effect either
        await Task.Delay(50);
        pipe.Write(new byte[] { 1 });

        Assert.False(taken);
        Assert.Equal(PollEvents.In, await second & PollEvents.In);
    }

    [Fact]
    public async Task No_cancellation_registration_when_the_token_cannot_cancel()
    {
        using var ring = IoRing.Create();
        using var pipe = new Pipe();
        var source = new CancellationTokenSource();
        ValueTask<PollEvents> cancellable = ring.PollAsync(pipe.ReadFd, PollEvents.In, source.Token);
        ValueTask<PollEvents> uncancellable = ring.PollAsync(pipe.ReadFd, PollEvents.In, CancellationToken.None);

        // The ring thread registers a still-pending operation's token after its next pass (deferred, so
        // operations that complete at once never pay for it); the uncancellable one never registers.
        Assert.True(SpinWait.SpinUntil(() => HasRegistration(ring, 0), TimeSpan.FromSeconds(5)), "the pending poll's token was never registered");
        Assert.False(HasRegistration(ring, 1));
        pipe.Write(new byte[] { 1 });
        await cancellable;
        await uncancellable;
        source.Dispose();
    }

    private static bool HasRegistration(IoRing ring, int index) => ring.Table[index].HasCancellationRegistration;

    private static int CountOpenDescriptors() => System.IO.Directory.GetFiles("/proc/self/fd").Length;
}

/// <summary>
/// The ring thread registers tokens only for operations still in flight after its next pass. These aim at that
/// window: a cancel right after submission, before or while the ring thread registers, must never be lost.
/// Every await is bounded, so a lost cancel fails the test instead of hanging it.
/// </summary>
public sealed class DeferredRegistrationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_cancel_right_after_submission_is_never_lost(bool inlineContinuations)
    {
        using var ring = IoRing.Create(new IoRingOptions { InlineContinuations = inlineContinuations, Capacity = 64 });
        using var pipe = new Pipe(); // never written: only a delivered cancel ends these polls

        for (int i = 0; i < 2000; i++)
        {
            using var cts = new CancellationTokenSource();
            Task<PollEvents> poll = ring.PollAsync(pipe.ReadFd, PollEvents.In, cts.Token).AsTask();
            if (i % 3 == 1)
            {
                await Task.Yield();
            }
            else if (i % 3 == 2)
            {
                Thread.SpinWait(i % 200);
            }

            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll.WaitAsync(TimeSpan.FromSeconds(10)));
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Fact]
    public async Task Many_submitters_cancelling_at_random_lose_no_cancel()
    {
        using var ring = IoRing.Create(new IoRingOptions { Capacity = 256 });
        using var pipe = new Pipe();
        int cancelled = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            var random = new Random(t);
            for (int i = 0; i < 250; i++)
            {
                using var cts = new CancellationTokenSource();
                Task<PollEvents> poll = ring.PollAsync(pipe.ReadFd, PollEvents.In, cts.Token).AsTask();
                if (random.Next(2) == 0)
                {
                    await Task.Delay(random.Next(2));
                }

                cts.Cancel();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll.WaitAsync(TimeSpan.FromSeconds(10)));
                Interlocked.Increment(ref cancelled);
            }
        }))).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(2000, cancelled);
        Assert.Equal(0, ring.InFlightCount);
    }
}
