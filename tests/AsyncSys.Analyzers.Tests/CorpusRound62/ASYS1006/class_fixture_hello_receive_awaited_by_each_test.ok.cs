// The same fixture converting the receive to a Task once, in InitializeAsync: a Task may be awaited by every test, any number of times, and each await sees the one receive's result.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus62.FixtureHelloAwaitedTwiceOk;

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
    public Task<int> Hello { get; private set; } = Task.FromResult(0);

    public Task InitializeAsync()
    {
        SocketFd = 5;
        Hello = Ring.ReceiveAsync(SocketFd, HelloBuffer).AsTask();
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
        int n = await fixture.Hello;
        Assert.True(n >= 4 && fixture.HelloBuffer[0] == (byte)'H');
    }
}
