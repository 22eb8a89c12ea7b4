// A sensor logger ticks on a timerfd, reads the sensor and appends a CSV line per tick. It is disposed asynchronously:
// DisposeAsync awaits the ring's fdatasync of the log once before disposing the ring.
using System;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round12.Unobserved.SensorLogDisposeAsync;

public static unsafe partial class TimerFd
{
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    [AsyncSyscall]
    public static partial nint Read(int fd, byte* buffer, nuint count);
}

public sealed class SensorLog(IoRing ring, int timerFd, int logFd, Func<double> sample) : IAsyncDisposable
{
    private readonly byte[] _expirations = new byte[8];
    private long _offset;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await TimerFd.ReadAsync(timerFd, _expirations, cancellationToken);
            byte[] line = Encoding.ASCII.GetBytes($"{DateTimeOffset.UtcNow:O},{sample():F3}\n");
            await ring.WriteAsync(logFd, line, _offset, cancellationToken);
            _offset += line.Length;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ring.FdatasyncAsync(logFd);
        await ring.DisposeAsync();
    }
}
