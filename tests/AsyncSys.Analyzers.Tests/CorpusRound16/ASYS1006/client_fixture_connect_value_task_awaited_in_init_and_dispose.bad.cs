// An async test fixture (xunit IAsyncLifetime style) starts connecting to the server under test in its constructor and
// keeps the ValueTask in a field. InitializeAsync awaits it, and DisposeAsync awaits it again "to be sure the connect
// finished" before shutting the socket down. The second await reads a recycled source: it can observe another
// operation's completion, throw InvalidOperationException, or hang the test run's teardown.
using System.Threading.Tasks;
using AsyncSys;

namespace Round16.ResultObserved.FixtureConnectAwaitedTwice;

public sealed class ClientFixture
{
    private readonly IoRing _ring;
    private readonly int _socketFd;
    private readonly ValueTask _connect;

    public ClientFixture(IoRing ring, int socketFd, byte[] serverAddress)
    {
        _ring = ring;
        _socketFd = socketFd;
        _connect = ring.ConnectAsync(socketFd, serverAddress);
    }

    public async Task InitializeAsync() => await _connect;

    public async Task DisposeAsync()
    {
        /*~ASYS1006*/await _connect;
        await _ring.ShutdownAsync(_socketFd, System.Net.Sockets.SocketShutdown.Both);
    }
}
