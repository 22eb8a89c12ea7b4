// The MQTT bridge, made right: the constructor converts the connect's ValueTask to a Task once; a Task may be awaited
// by StartAsync and again by DisposeAsync.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.ValueTasks.BridgeConnectAsTask;

public sealed class UpstreamBridge : IAsyncDisposable
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly Task _connected;

    public UpstreamBridge(IoRing ring, int fd, byte[] brokerAddress)
    {
        _ring = ring;
        _fd = fd;
        _connected = ring.ConnectAsync(fd, brokerAddress).AsTask();
    }

    public async Task StartAsync(ReadOnlyMemory<byte> subscribe, CancellationToken ct)
    {
        await _connected;
        await _ring.SendAsync(_fd, subscribe, MessageFlags.None, ct);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _connected;
        }
        catch (ErrnoException)
        {
        }

        await _ring.CloseAsync(_fd);
    }
}
