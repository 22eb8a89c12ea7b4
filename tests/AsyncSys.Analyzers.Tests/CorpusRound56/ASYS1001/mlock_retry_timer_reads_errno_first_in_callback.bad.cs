// A hosted service pins its buffer arena with mlock when it starts; if that fails it schedules a System.Threading.Timer that retries every second and, first thing in each callback, logs errno "for the failed mlock" - read on a thread-pool thread, where errno is whatever that thread last left, not the start's failure.
using System;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus56.MlockRetryBad;

internal static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "mlock", SetLastError = true)]
    internal static partial int Mlock(void* address, nuint length);
}

internal sealed unsafe class PinnedArena : IDisposable
{
    private readonly void* _arena;
    private readonly nuint _length;
    private readonly ConcurrentQueue<string> _log;
    private Timer? _retry;

    public PinnedArena(nuint length, ConcurrentQueue<string> log)
    {
        _length = length;
        _log = log;
        _arena = NativeMemory.AlignedAlloc(length, 4096);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Libc.Mlock(_arena, _length) < 0)
        {
            _retry = new Timer(_ =>
            {
                _log.Enqueue("arena not locked yet, errno " + /*~ASYS1001*/Marshal.GetLastPInvokeError());
                if (Libc.Mlock(_arena, _length) == 0)
                {
                    _retry?.Dispose();
                }
            }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _retry?.Dispose();
        NativeMemory.AlignedFree(_arena);
    }
}
