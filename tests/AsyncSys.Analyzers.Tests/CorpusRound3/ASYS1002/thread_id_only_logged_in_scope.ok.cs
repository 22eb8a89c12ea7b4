using System;
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

sealed class FlushLogger
{
    private readonly IoRing _ring;

    public FlushLogger(IoRing ring) => _ring = ring;

    public async Task FlushAsync(int fd, string name)
    {
        int thread = Environment.CurrentManagedThreadId;
        using (LogScope.Begin($"flush {name} on thread {thread}"))
        {
            await _ring.FsyncAsync(fd);
            Console.WriteLine($"flush {name} (started on thread {thread}) done");
        }
    }
}
