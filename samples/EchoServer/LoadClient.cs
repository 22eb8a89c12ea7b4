using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Samples.EchoServer;

/// <summary>
/// The load client: each connection sends a message, waits for the whole echo, checks it byte for byte, and
/// repeats until the time or the request budget runs out. Connect, send and receive go through the ring too.
/// </summary>
internal sealed class LoadClient
{
    private readonly IoRing _ring;
    private readonly int _messageBytes;
    private long _requests;
    private long _errors;
    private long _budget;

    public LoadClient(IoRing ring, int messageBytes, long maxRequests)
    {
        _ring = ring;
        _messageBytes = messageBytes;
        _budget = maxRequests;
    }

    public long Requests => Interlocked.Read(ref _requests);

    public long Errors => Interlocked.Read(ref _errors);

    public async Task<TimeSpan> RunAsync(IPEndPoint server, int clients, TimeSpan duration)
    {
        using var deadline = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        var connections = new Task[clients];
        for (int i = 0; i < clients; i++)
        {
            connections[i] = RunConnectionAsync(server, i, deadline.Token);
        }

        await Task.WhenAll(connections).ConfigureAwait(false);
        return clock.Elapsed;
    }

    private async Task RunConnectionAsync(IPEndPoint server, int id, CancellationToken deadline)
    {
        byte[] message = new byte[_messageBytes];
        byte[] echo = new byte[_messageBytes];
        new Random(id).NextBytes(message);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await _ring.ConnectAsync(socket, server, deadline).ConfigureAwait(false);
            while (Interlocked.Decrement(ref _budget) >= 0)
            {
                for (int sent = 0; sent < message.Length;)
                {
                    sent += await _ring.SendAsync(socket.SafeHandle, message.AsMemory(sent), 0, deadline).ConfigureAwait(false);
                }

                for (int received = 0; received < echo.Length;)
                {
                    int n = await _ring.ReceiveAsync(socket.SafeHandle, echo.AsMemory(received), 0, deadline).ConfigureAwait(false);
                    if (n == 0)
                    {
                        throw new InvalidOperationException("the server closed the connection mid-echo");
                    }

                    received += n;
                }

                if (!echo.AsSpan().SequenceEqual(message))
                {
                    throw new InvalidOperationException("the echo differs from the message");
                }

                Interlocked.Increment(ref _requests);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // Time is up: the ring cancelled this connection's pending receive or send.
        }
        catch (Exception e) when (e is ErrnoException or InvalidOperationException)
        {
            Interlocked.Increment(ref _errors);
            Console.Error.WriteLine($"client {id}: {e.Message}");
        }
    }
}
