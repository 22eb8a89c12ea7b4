// The lazy client made right: the constructor converts the connect's ValueTask to a Task once, and that Task (which
// may be awaited any number of times) is what OpenAsync and every QueryAsync await.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.ValueTasks.LazyConnectAsTask;

public sealed class LazyClient
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly Task _connected;

    public LazyClient(IoRing ring, int fd, byte[] serverAddress)
    {
        _ring = ring;
        _fd = fd;
        _connected = ring.ConnectAsync(fd, serverAddress).AsTask();
    }

    public async Task OpenAsync() => await _connected;

    public async Task<int> QueryAsync(ReadOnlyMemory<byte> query, Memory<byte> reply, CancellationToken ct)
    {
        await _connected;
        await _ring.SendAsync(_fd, query, MessageFlags.NoSignal, ct);
        return await _ring.ReceiveAsync(_fd, reply, MessageFlags.None, ct);
    }
}
