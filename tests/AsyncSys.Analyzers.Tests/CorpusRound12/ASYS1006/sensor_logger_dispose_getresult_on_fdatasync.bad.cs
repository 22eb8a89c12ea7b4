// A sensor logger ticks on a timerfd, reads the sensor and appends a CSV line per tick. Its synchronous Dispose flushes
// the log with the ring's fdatasync and blocks on GetAwaiter().GetResult() of the ValueTask: a pooled ValueTask that
// has not completed yet cannot be waited on that way (it throws, or observes a recycled operation), so the last lines
// may never reach the disk and the error is lost.
using System;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round12.Unobserved.SensorLogDisposeGetResult;

public static unsafe partial class TimerFd
{
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    [AsyncSyscall]
    public static partial nint Read(int fd, byte* buffer, nuint count);
}

public sealed class SensorLog(IoRing ring, int timerFd, int logFd, Func<double> sample) : IDisposable
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

    public void Dispose()
    {
        /*~ASYS1006*/ring.FdatasyncAsync(logFd).GetAwaiter().GetResult();
        ring.Dispose();
    }
}
