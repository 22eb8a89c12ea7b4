using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests;

/// <summary>Pipes and loopback sockets: readiness, send/recv, accept/connect, deadlines.</summary>
public sealed class SocketAndPipeTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Poll_reports_readable_once_a_pipe_has_data(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var pipe = new Pipe();

        ValueTask<PollEvents> pending = ring.PollAsync(pipe.ReadFd, PollEvents.In);
        await Task.Delay(50);
        Assert.False(pending.IsCompleted);
        pipe.Write(new byte[] { 42 });
        PollEvents ready = await pending;

        Assert.Equal(PollEvents.In, ready & PollEvents.In);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Poll_reports_hang_up_when_the_writer_closes(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var pipe = new Pipe();

        ValueTask<PollEvents> pending = ring.PollAsync(pipe.ReadFd, PollEvents.In);
        pipe.CloseWriteEnd();

        Assert.True((await pending & PollEvents.HangUp) != 0);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Send_and_recv_carry_bytes_over_loopback(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var pair = new LoopbackPair();
        byte[] message = Encoding.ASCII.GetBytes("hello through the ring");

        var buffer = new byte[64];
        ValueTask<int> receive = ring.ReceiveAsync(pair.Server.SafeHandle, buffer);
        int sent = await ring.SendAsync(pair.Client.SafeHandle, message);
        int received = await receive;

        Assert.Equal(message.Length, sent);
        Assert.Equal(message.Length, received);
        Assert.Equal(message, buffer.AsSpan(0, received).ToArray());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Accept_and_connect_make_a_working_connection(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        ValueTask<Socket> accepting = ring.AcceptAsync(listener);
        await ring.ConnectAsync(client, listener.LocalEndPoint!);
        using Socket server = await accepting;
        client.Send(new byte[] { 1, 2, 3 });
        var buffer = new byte[3];
        int received = await ring.ReceiveAsync(server.SafeHandle, buffer);

        Assert.Equal(3, received);
        Assert.Equal(new byte[] { 1, 2, 3 }, buffer);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Accept_into_caller_memory_writes_the_peer_address_and_its_length(IoBackend backend)
    {
        // Declared first, freed last: after the ring, which waits for the kernel to let go of it.
        using var peer = new NativeSocketAddress(capacity: 128);
        using var ring = Backends.Create(backend);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        ValueTask<int> accepting = ring.SubmitAsync(RingRequest.Accept(listener.SafeHandle, peer.Address, peer.LengthAddress, IoRing.SocketCloseOnExec));
        client.Connect(listener.LocalEndPoint!);
        using var server = new Socket(new SafeSocketHandle((nint)await accepting, ownsHandle: true));

        Assert.Equal(16, peer.Length); // sizeof(struct sockaddr_in): the kernel replaced the capacity with the real length
        byte[] sockaddr = peer.Bytes(16);
        Assert.Equal((int)AddressFamily.InterNetwork, BitConverter.ToUInt16(sockaddr, 0));
        Assert.Equal(((IPEndPoint)client.LocalEndPoint!).Port, (sockaddr[2] << 8) | sockaddr[3]);
        Assert.Equal(IPAddress.Loopback.GetAddressBytes(), sockaddr[4..8]);
        client.Send(new byte[] { 7, 8 });
        var buffer = new byte[2];
        Assert.Equal(2, await ring.ReceiveAsync(server.SafeHandle, buffer, MessageFlags.WaitAll));
        Assert.Equal(new byte[] { 7, 8 }, buffer);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Accept_into_a_short_caller_buffer_truncates_the_address_and_reports_its_full_length(IoBackend backend)
    {
        using var peer = new NativeSocketAddress(capacity: 4, fill: 0xAA);
        using var ring = Backends.Create(backend);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        ValueTask<int> accepting = ring.SubmitAsync(RingRequest.Accept((int)listener.Handle, peer.Address, peer.LengthAddress, IoRing.SocketCloseOnExec));
        client.Connect(listener.LocalEndPoint!);
        using var server = new Socket(new SafeSocketHandle((nint)await accepting, ownsHandle: true));

        Assert.Equal(16, peer.Length);
        byte[] written = peer.Bytes(8);
        Assert.Equal(((IPEndPoint)client.LocalEndPoint!).Port, (written[2] << 8) | written[3]);
        Assert.Equal(new byte[] { 0xAA, 0xAA, 0xAA, 0xAA }, written[4..8]); // past the capacity: untouched
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Accept_with_no_address_and_no_length_accepts(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        ValueTask<int> accepting = ring.SubmitAsync(RingRequest.Accept(listener.SafeHandle, 0, 0, IoRing.SocketCloseOnExec));
        client.Connect(listener.LocalEndPoint!);
        using var server = new Socket(new SafeSocketHandle((nint)await accepting, ownsHandle: true));

        Assert.Equal(client.LocalEndPoint, server.RemoteEndPoint);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Connect_to_a_closed_port_fails_with_ECONNREFUSED(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var error = await Assert.ThrowsAsync<ErrnoException>(async () => await ring.ConnectAsync(client, new IPEndPoint(IPAddress.Loopback, port)));

        Assert.Equal(Errno.ECONNREFUSED, error.Errno);
        Assert.Equal("connect", error.Syscall);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_deadline_ends_a_never_ready_poll_with_ETIME(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var pipe = new Pipe();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ErrnoException>(async () =>
            await ring.SubmitAsync(RingRequest.Poll(pipe.ReadFd, PollEvents.In).WithTimeout(TimeSpan.FromMilliseconds(100))));

        Assert.Equal(Errno.ETIME, error.Errno);
        Assert.Contains("deadline", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(90));
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_deadline_that_does_not_fire_leaves_the_result_alone(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var pipe = new Pipe();
        pipe.Write(new byte[] { 7 });

        int events = await ring.SubmitAsync(RingRequest.Poll(pipe.ReadFd, PollEvents.In).WithTimeout(TimeSpan.FromSeconds(5)));

        Assert.Equal((int)PollEvents.In, events & (int)PollEvents.In);
    }
}
