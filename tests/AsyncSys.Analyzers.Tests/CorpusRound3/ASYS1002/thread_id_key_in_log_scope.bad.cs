using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using AsyncSys;

namespace Round3.Tracking;

sealed class LogScope : IDisposable
{
    private readonly string _name;

    private LogScope(string name) => _name = name;

    public static LogScope Begin(string name)
    {
        Console.WriteLine("begin " + name);
        return new LogScope(name);
    }

    public void Dispose() => Console.WriteLine("end " + _name);
}

sealed class InFlightTracker
{
    private readonly ConcurrentDictionary<int, string> _byThread = new();
    private readonly IoRing _ring;

    public InFlightTracker(IoRing ring) => _ring = ring;

    public async Task FlushAsync(int fd, string name)
    {
        int thread = Environment.CurrentManagedThreadId;
        using (LogScope.Begin($"flush {name} on thread {thread}"))
        {
            _byThread[thread] = name;
            await _ring.FsyncAsync(fd);
            _byThread.TryRemove(/*~ASYS1002*/thread, out _);
        }
    }
}
