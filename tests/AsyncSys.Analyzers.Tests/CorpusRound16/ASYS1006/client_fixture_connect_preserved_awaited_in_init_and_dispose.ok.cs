// The same fixture keeps connect.Preserve(), a ValueTask backed by a Task that may be awaited any number of times.
using System.Threading.Tasks;
using AsyncSys;

namespace Round16.ResultObserved.FixtureConnectPreserved;

public sealed class ClientFixture
{
    private readonly IoRing _ring;
    private readonly int _socketFd;
    private readonly ValueTask _connect;

    public ClientFixture(IoRing ring, int socketFd, byte[] serverAddress)
    {
        _ring = ring;
        _socketFd = socketFd;
        _connect = ring.ConnectAsync(socketFd, serverAddress).Preserve();
    }

    public async Task InitializeAsync() => await _connect;

    public async Task DisposeAsync()
    {
        await _connect;
        await _ring.ShutdownAsync(_socketFd, System.Net.Sockets.SocketShutdown.Both);
    }
}
