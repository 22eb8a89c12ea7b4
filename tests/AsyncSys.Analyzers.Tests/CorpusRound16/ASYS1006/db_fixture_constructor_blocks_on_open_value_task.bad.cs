// A test fixture (constructors cannot await) opens its database file on the ring and blocks on the ValueTask with
// GetAwaiter().GetResult(). For a ValueTask backed by AsyncSys's recycled sources that is no wait: before completion it
// throws InvalidOperationException or returns a stale result, so the fixture flakes only when the open is slow (on CI).
using System;
using AsyncSys;

namespace Round16.ResultObserved.FixtureBlocksOnValueTask;

public sealed class DatabaseFileFixture : IDisposable
{
    private const int AT_FDCWD = -100;
    private readonly IoRing _ring;

    public int Fd { get; }

    public DatabaseFileFixture(IoRing ring, string path)
    {
        _ring = ring;
        Fd = /*~ASYS1006*/ring.OpenAtAsync(AT_FDCWD, path, OpenFlags.ReadWrite | OpenFlags.Create, (System.IO.UnixFileMode)420).GetAwaiter().GetResult();
    }

    public void Dispose() => _ring.CloseAsync(Fd).AsTask().GetAwaiter().GetResult();
}
