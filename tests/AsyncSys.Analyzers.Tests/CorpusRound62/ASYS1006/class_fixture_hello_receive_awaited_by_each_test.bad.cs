// An xUnit class fixture (IAsyncLifetime) connects to the server under test and starts receiving its hello in InitializeAsync, keeping the receive's ValueTask in a property. Each test of the class awaits the fixture's Hello to be sure the greeting arrived: the first test consumes the ValueTask, and the second awaits a source the ring has already recycled, which may report another operation's result or throw.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus62.FixtureHelloAwaitedTwiceBad;

[AttributeUsage(AttributeTargets.Method)]
internal sealed class FactAttribute : Attribute { }

internal interface IAsyncLifetime
{
    Task InitializeAsync();
    Task DisposeAsync();
}

internal interface IClassFixture<TFixture> where TFixture : class { }

internal static class Assert
{
    public static void True(bool condition)
    {
        if (!condition) throw new InvalidOperationException("expected true");
    }
}

public sealed class ServerFixture : IAsyncLifetime
{
    public IoRing Ring { get; } = IoRing.Create();
    public int SocketFd { get; private set; } = -1;
    public byte[] HelloBuffer { get; } = new byte[256];
    public ValueTask<int> Hello { get; private set; }

    public Task InitializeAsync()
    {
        SocketFd = 5;
        Hello = Ring.ReceiveAsync(SocketFd, HelloBuffer);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Ring.CloseAsync(SocketFd);
}

internal sealed class GreetingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Hello_is_not_empty()
    {
        int n = await fixture.Hello;
        Assert.True(n > 0);
    }

    [Fact]
    public async Task Hello_starts_with_the_banner()
    {
        int n = await /*~ASYS1006*/fixture.Hello;
        Assert.True(n >= 4 && fixture.HelloBuffer[0] == (byte)'H');
    }
}
