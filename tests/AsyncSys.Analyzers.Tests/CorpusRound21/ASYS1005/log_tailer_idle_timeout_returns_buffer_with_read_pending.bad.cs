// A log-tailing worker reads new lines of a file into a pooled buffer and stops when no data arrives within the
// configured idle timeout (Task.WhenAny with a delay). On the idle path it breaks out of the loop and the finally
// returns the buffer to the pool while the read is still posted: the next renter's data is overwritten when the
// read completes.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.InFlight.LogTailerIdleReturn;

public enum LogLevel { Debug, Information, Warning, Error }

public interface ILogger
{
    void Log(LogLevel level, string message, params object?[] args);
}

public abstract class BackgroundService
{
    protected abstract Task ExecuteAsync(CancellationToken stoppingToken);
}

public sealed record TailOptions(int ChunkSize, TimeSpan IdleTimeout);

public sealed class LogTailer(IoRing ring, int fd, TailOptions options, ILogger logger, Action<ReadOnlyMemory<byte>> onData) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(options.ChunkSize);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Task<int> read = ring.ReadAsync(fd, buffer, stoppingToken).AsTask();
                Task finished = await Task.WhenAny(read, Task.Delay(options.IdleTimeout, stoppingToken)).ConfigureAwait(false);
                if (finished != read)
                {
                    logger.Log(LogLevel.Information, "No data for {Timeout}, stopping", options.IdleTimeout);
                    break;
                }

                int n = await read.ConfigureAwait(false);
                onData(buffer.AsMemory(0, n));
            }
        }
        finally
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
