// The same log-tailing worker, written right: the idle timeout is a linked token with CancelAfter given to the read
// itself, and the loop leaves only after the read's await has ended (completed or cancelled), so the buffer goes back
// to the pool with no read in flight.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.InFlight.LogTailerIdleCancel;

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
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                idle.CancelAfter(options.IdleTimeout);
                int n;
                try
                {
                    n = await ring.ReadAsync(fd, buffer, idle.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.Log(LogLevel.Information, "No data for {Timeout}, stopping", options.IdleTimeout);
                    break;
                }

                onData(buffer.AsMemory(0, n));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
