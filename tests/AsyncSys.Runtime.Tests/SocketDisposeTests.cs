using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// Closing a <see cref="Socket"/> that an operation is using, as a server does to stop: the operation holds the
/// socket's handle (so its descriptor number cannot be reused under the kernel), and .NET's <see cref="Socket.Dispose()"/>
/// aborts it and waits until it lets go. The operation ends with the kernel's answer, never hangs, and Dispose returns.
/// </summary>
public sealed class SocketDisposeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Disposing_a_listener_ends_its_pending_accept_with_EINVAL(IoBackend backend)
    {
        using IoRing ring = Backends.Create(backend);
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4);
        Task<Socket> accept = ring.AcceptAsync(listener).AsTask();
        await UntilOnBackend(ring);

        Task dispose = Task.Run(listener.Dispose);
        Assert.True(await Task.WhenAny(dispose, Task.Delay(Bound)) == dispose, "Socket.Dispose did not return");
        Assert.True(await Task.WhenAny(accept, Task.Delay(Bound)) == accept, "the accept did not end");

        // accept(2) on a socket that is no longer listening.
        ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(() => accept);
        Assert.Equal(Errno.EINVAL, error.Errno);
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Disposing_a_connected_socket_ends_its_pending_receive_without_data(IoBackend backend)
    {
        using IoRing ring = Backends.Create(backend);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        using Socket server = listener.Accept();

        var buffer = new byte[16];
        Task<int> receive = ring.ReceiveAsync(client.SafeHandle, buffer).AsTask();
        await UntilOnBackend(ring);

        Task dispose = Task.Run(client.Dispose);
        Assert.True(await Task.WhenAny(dispose, Task.Delay(Bound)) == dispose, "Socket.Dispose did not return");
        Assert.True(await Task.WhenAny(receive, Task.Delay(Bound)) == receive, "the receive did not end");

        // .NET resets the connection (an abortive close): the receive sees end of stream or the reset, never data.
        if (receive.IsCompletedSuccessfully)
        {
            Assert.Equal(0, await receive);
        }
        else
        {
            ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(() => receive);
            Assert.True(error.Errno is Errno.ECONNRESET or Errno.ENOTCONN, $"unexpected {error.ErrnoName}");
        }

        Assert.Equal(0, ring.InFlightCount);
    }

    [Fact]
    public async Task A_listener_disposed_off_the_ring_thread_from_ring_context_code_ends_its_accept()
    {
        // The documented way for code on the ring thread: Dispose waits for the accept, and only the ring thread can
        // end it, so dispose from the pool and await that.
        using IoRing ring = IoRing.Create(new IoRingOptions { Backend = IoBackend.IoUring, Name = "socket-dispose-ring" });
        Task<int> run = ring.RunOnRingAsync(async () =>
        {
            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(4);
            ValueTask<Socket> accept = ring.AcceptAsync(listener);
            await UntilOnBackend(ring);
            await Task.Run(listener.Dispose);
            try
            {
                await accept;
                return 0;
            }
            catch (ErrnoException e)
            {
                return e.Errno;
            }
        });

        Assert.True(await Task.WhenAny(run, Task.Delay(Bound)) == run, "the ring-context code did not end");
        Assert.Equal(Errno.EINVAL, await run);
    }

    private static async Task UntilOnBackend(IoRing ring)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (ring.InFlightCount == 0 || ring.GetInFlightOperations()[0].State is not (InFlightState.OnRing or InFlightState.OnWorker))
        {
            Assert.True(clock.Elapsed < Bound, "the operation never reached the backend");
            await Task.Delay(1);
        }
    }
}
