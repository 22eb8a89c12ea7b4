// A TCP echo server on loopback, its accept/recv/send on the kernel ring, driven by a load client that
// reports requests per second. Bounded: it stops by itself after --seconds or --requests.
//
//   dotnet run -c Release --project samples/EchoServer -- --clients 16 --seconds 5
//   options: --clients 16  --seconds 5  --requests <max, default unbounded>  --message-bytes 64
//            --server-only --port 7007 (serve for --seconds, no client)  --client-only --port 7007
using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using AsyncSys.Samples.EchoServer;

int clients = Option("--clients", 16);
int seconds = Option("--seconds", 5);
long maxRequests = Option("--requests", int.MaxValue);
int messageBytes = Option("--message-bytes", 64);
int port = Option("--port", 0);
bool serverOnly = args.Contains("--server-only");
bool clientOnly = args.Contains("--client-only");

using IoRing ring = IoRing.Create(new IoRingOptions { Name = "echo" });
Console.WriteLine($"Ring on {ring.BackendDescription}; accept native: {ring.IsNative(RingOp.Accept)}, recv: {ring.IsNative(RingOp.Recv)}, send: {ring.IsNative(RingOp.Send)}");

Server? server = null;
Task serving = Task.CompletedTask;
using var stopServer = new CancellationTokenSource();
IPEndPoint endPoint = new(IPAddress.Loopback, port);
if (!clientOnly)
{
    server = new Server(ring, port);
    endPoint = server.EndPoint;
    serving = server.RunAsync(stopServer.Token);
    Console.WriteLine($"Echo server listening on {endPoint}");
}

long clientErrors = 0;
if (serverOnly)
{
    await Task.Delay(TimeSpan.FromSeconds(seconds));
}
else
{
    var load = new LoadClient(ring, messageBytes, maxRequests);
    Console.WriteLine($"Load: {clients} clients, {messageBytes}-byte messages, up to {seconds} s{(maxRequests < int.MaxValue ? $" or {maxRequests:N0} requests" : "")}");
    TimeSpan elapsed = await load.RunAsync(endPoint, clients, TimeSpan.FromSeconds(seconds));
    clientErrors = load.Errors;
    Console.WriteLine($"Requests: {load.Requests:N0} in {elapsed.TotalSeconds:F2} s = {load.Requests / Math.Max(elapsed.TotalSeconds, 0.001):N0} requests/s");
}

stopServer.Cancel();
await serving;
long errors = clientErrors + (server?.Errors ?? 0);
Console.WriteLine($"Connections accepted: {server?.Accepted ?? 0}; errors: {errors}; still in flight: {ring.InFlightCount}");
return errors == 0 ? 0 : 1;

int Option(string name, int fallback)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out int value) && value >= 0 ? value : fallback;
}
