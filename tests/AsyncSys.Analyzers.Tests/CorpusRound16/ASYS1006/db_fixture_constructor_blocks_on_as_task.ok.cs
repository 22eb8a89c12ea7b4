// The same fixture converts the ValueTask to a Task once and blocks on that: Task.GetAwaiter().GetResult() waits for
// completion (sync over async in a test fixture, but correct).
using System;
using AsyncSys;

namespace Round16.ResultObserved.FixtureBlocksOnAsTask;

public sealed class DatabaseFileFixture : IDisposable
{
    private const int AT_FDCWD = -100;
    private readonly IoRing _ring;

    public int Fd { get; }

    public DatabaseFileFixture(IoRing ring, string path)
    {
        _ring = ring;
        Fd = ring.OpenAtAsync(AT_FDCWD, path, OpenFlags.ReadWrite | OpenFlags.Create, (System.IO.UnixFileMode)420).AsTask().GetAwaiter().GetResult();
    }

    public void Dispose() => _ring.CloseAsync(Fd).AsTask().GetAwaiter().GetResult();
}
