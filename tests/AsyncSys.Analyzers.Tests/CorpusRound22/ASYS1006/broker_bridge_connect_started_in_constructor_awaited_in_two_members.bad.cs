// An MQTT bridge starts connecting to the upstream broker in its constructor and keeps the ValueTask in a field. Both
// StartAsync (before subscribing) and DisposeAsync (to be sure the connect is not still running) await it: the second
// await consumes a ValueTask AsyncSys may have recycled for another operation, and DisposeAsync throws or waits on a
// stranger's connect.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.ValueTasks.BridgeConnectAwaitedTwice;

public sealed class UpstreamBridge : IAsyncDisposable
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly ValueTask _connect;

    public UpstreamBridge(IoRing ring, int fd, byte[] brokerAddress)
    {
        _ring = ring;
        _fd = fd;
        _connect = ring.ConnectAsync(fd, brokerAddress);
    }

    public async Task StartAsync(ReadOnlyMemory<byte> subscribe, CancellationToken ct)
    {
        await _connect;
        await _ring.SendAsync(_fd, subscribe, MessageFlags.None, ct);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            /*~ASYS1006*/await _connect;
        }
        catch (ErrnoException)
        {
        }

        await _ring.CloseAsync(_fd);
    }
}
