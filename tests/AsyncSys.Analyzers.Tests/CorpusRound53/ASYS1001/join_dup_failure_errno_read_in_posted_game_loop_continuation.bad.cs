// A network thread duplicates a joining player's socket for the game loop with dup; when dup fails it Posts a continuation to the game loop's single-threaded SynchronizationContext that reads errno there, on the pump thread, where the last P/Invoke error is the pump's, not the failed dup's.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;

namespace Corpus53.DupErrnoPostBad;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    internal static partial int Dup(int fd);
}

/// <summary>The game loop's context: everything Posted runs in order on the one thread that pumps it.</summary>
internal sealed class GameLoopContext : SynchronizationContext
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = new();

    public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

    public void Complete() => _queue.CompleteAdding();

    public void Pump()
    {
        SetSynchronizationContext(this);
        foreach ((SendOrPostCallback callback, object? state) in _queue.GetConsumingEnumerable())
        {
            callback(state);
        }
    }
}

internal sealed class JoinHandler(GameLoopContext loop)
{
    private readonly List<string> _rejections = new();
    private readonly List<(int PlayerId, int Fd)> _joined = new();

    public void OnJoin(int playerId, int socket)
    {
        int fd = Native.Dup(socket);
        if (fd < 0)
        {
            loop.Post(_ => _rejections.Add($"player {playerId}: dup failed, errno {/*~ASYS1001*/Marshal.GetLastPInvokeError()}"), null);
            return;
        }

        loop.Post(_ => _joined.Add((playerId, fd)), null);
    }
}
