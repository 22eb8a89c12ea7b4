using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Samples.EchoServer;

/// <summary>
/// A TCP echo server on loopback whose accept, receive and send all go through the ring. Stopping it cancels
/// the pending accept and receives on the ring; each await ends once the kernel has let go of its buffer.
/// </summary>
internal sealed class Server
{
    private readonly IoRing _ring;
    private readonly Socket _listener;
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private long _errors;

    public Server(IoRing ring, int port)
    {
        _ring = ring;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        // Loopback only: this is a sample, not something to expose.
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        _listener.Listen(512);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    public long Errors => Interlocked.Read(ref _errors);

    public int Accepted { get; private set; }

    /// <summary>Accepts until <paramref name="stop"/> fires, then waits for every connection to finish.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            while (true)
            {
                Socket connection = await _ring.AcceptAsync(_listener, stop).ConfigureAwait(false);
                Accepted++;
                Task serving = ServeAsync(connection, stop);
                _connections[serving] = true;
                _ = serving.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping: the ring cancelled the pending accept (a connection accepted meanwhile was closed for us).
        }
        finally
        {
            _listener.Dispose();
        }

        await Task.WhenAll(_connections.Keys).ConfigureAwait(false);
    }

    private async Task ServeAsync(Socket connection, CancellationToken stop)
    {
        byte[] buffer = new byte[16 * 1024];
        using (connection)
        {
            try
            {
                while (true)
                {
                    int received = await _ring.ReceiveAsync(connection.SafeHandle, buffer, 0, stop).ConfigureAwait(false);
                    if (received == 0)
                    {
                        return; // the client closed
                    }

                    for (int sent = 0; sent < received;)
                    {
                        sent += await _ring.SendAsync(connection.SafeHandle, buffer.AsMemory(sent, received - sent), 0, stop).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (ErrnoException e) when (e.ErrnoName is "ECONNRESET" or "EPIPE")
            {
                // A client that went away mid-request is not a server error.
            }
            catch (ErrnoException e)
            {
                Interlocked.Increment(ref _errors);
                Console.Error.WriteLine($"server: {e.Message}");
            }
        }
    }
}
