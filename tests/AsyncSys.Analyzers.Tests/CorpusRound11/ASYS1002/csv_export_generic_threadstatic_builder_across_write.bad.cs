// A CSV export job takes this thread's StringBuilder from a generic [ThreadStatic] cache and keeps appending rows to it across the awaits of its async stream and of its ring writes.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round11.PerThread.CsvExportCache;

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
        // Reuse this thread's builder instead of allocating one per export.
        StringBuilder chunk = PerThread<StringBuilder>.Instance;
        chunk.Clear().Append("sensor,at,value\n");
        long offset = 0;
        await foreach (Reading reading in readings.WithCancellation(cancellationToken))
        {
            // After the await another export that started on the first thread appends to this same builder.
            /*~ASYS1002*/chunk.Append(reading.Sensor).Append(',')
                .Append(reading.At.ToString("O", CultureInfo.InvariantCulture)).Append(',')
                .Append(reading.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
            if (chunk.Length >= 64 * 1024)
            {
                offset += await FlushAsync(chunk, offset, cancellationToken);
            }
        }

        offset += await FlushAsync(chunk, offset, cancellationToken);
        return offset;
    }

    private async ValueTask<int> FlushAsync(StringBuilder chunk, long offset, CancellationToken cancellationToken)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(chunk.ToString());
        chunk.Clear();
        await ring.WriteAsync(fd, bytes, offset, cancellationToken);
        return bytes.Length;
    }
}
