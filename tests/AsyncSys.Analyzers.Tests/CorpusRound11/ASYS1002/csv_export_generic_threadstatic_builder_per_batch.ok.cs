// A CSV export job formats each batch of rows in a synchronous helper that takes this thread's cached StringBuilder and is done with it before any await.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round11.PerThread.CsvExportCacheOk;

/// <summary>One cached instance per thread, so hot paths do not allocate (a helper many apps copy around).</summary>
internal static class PerThread<T>
    where T : class, new()
{
    [ThreadStatic]
    private static T? t_instance;

    public static T Instance => t_instance ??= new T();
}

public sealed record Reading(string Sensor, DateTimeOffset At, double Value);

public sealed class CsvExporter(IoRing ring, int fd)
{
    public async Task<long> ExportAsync(IAsyncEnumerable<Reading> readings, CancellationToken cancellationToken)
    {
        var batch = new List<Reading>(512);
        long offset = await WriteAsync(Format(batch, header: true), 0, cancellationToken);
        await foreach (Reading reading in readings.WithCancellation(cancellationToken))
        {
            batch.Add(reading);
            if (batch.Count == 512)
            {
                offset += await WriteAsync(Format(batch, header: false), offset, cancellationToken);
                batch.Clear();
            }
        }

        offset += await WriteAsync(Format(batch, header: false), offset, cancellationToken);
        return offset;
    }

    // Synchronous: the builder is this thread's from the first line to the last, and is empty again when it returns.
    private static byte[] Format(List<Reading> batch, bool header)
    {
        StringBuilder chunk = PerThread<StringBuilder>.Instance;
        chunk.Clear();
        if (header)
        {
            chunk.Append("sensor,at,value\n");
        }

        foreach (Reading reading in batch)
        {
            chunk.Append(reading.Sensor).Append(',')
                .Append(reading.At.ToString("O", CultureInfo.InvariantCulture)).Append(',')
                .Append(reading.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        byte[] bytes = Encoding.UTF8.GetBytes(chunk.ToString());
        chunk.Clear();
        return bytes;
    }

    private async ValueTask<int> WriteAsync(byte[] bytes, long offset, CancellationToken cancellationToken)
    {
        await ring.WriteAsync(fd, bytes, offset, cancellationToken);
        return bytes.Length;
    }
}
