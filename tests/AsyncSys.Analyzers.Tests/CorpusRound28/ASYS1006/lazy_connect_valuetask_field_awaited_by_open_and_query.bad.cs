// A client starts connecting in its constructor and keeps the connect's ValueTask in a field; OpenAsync awaits it,
// and QueryAsync awaits it again to make sure the connection is up. The second await consumes a ValueTask that was
// already consumed: AsyncSys may have recycled its source, so the query may wait on an unrelated operation or throw.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.ValueTasks.LazyConnectFieldTwice;

public sealed class LazyClient
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly ValueTask _connect;

    public LazyClient(IoRing ring, int fd, byte[] serverAddress)
    {
        _ring = ring;
        _fd = fd;
        _connect = ring.ConnectAsync(fd, serverAddress);
    }

    public async Task OpenAsync() => await _connect;

    public async Task<int> QueryAsync(ReadOnlyMemory<byte> query, Memory<byte> reply, CancellationToken ct)
    {
        /*~ASYS1006*/await _connect;
        await _ring.SendAsync(_fd, query, MessageFlags.NoSignal, ct);
        return await _ring.ReceiveAsync(_fd, reply, MessageFlags.None, ct);
    }
}
