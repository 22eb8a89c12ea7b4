// A JSON-lines export job serializes each batch with Utf8JsonWriter into an ArrayBufferWriter, starts the ring write of its WrittenMemory and calls Clear() (which zeroes those bytes) before the write is awaited.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round11.InFlight.JsonExportClear;

public sealed record Order(long Id, string Customer, decimal Total, DateTimeOffset PlacedAt);

public sealed class OrderExporter(IoRing ring)
{
    public async Task<long> ExportAsync(IAsyncEnumerable<IReadOnlyList<Order>> batches, int fd, CancellationToken cancellationToken)
    {
        var output = new ArrayBufferWriter<byte>(256 * 1024);
        using var json = new Utf8JsonWriter(output);
        long offset = 0;
        ValueTask pending = ValueTask.CompletedTask;
        await foreach (IReadOnlyList<Order> batch in batches.WithCancellation(cancellationToken))
        {
            await pending;
            foreach (Order order in batch)
            {
                json.WriteStartObject();
                json.WriteNumber("id", order.Id);
                json.WriteString("customer", order.Customer);
                json.WriteNumber("total", order.Total);
                json.WriteString("placedAt", order.PlacedAt);
                json.WriteEndObject();
                json.Flush();
                output.Write("\n"u8);
                json.Reset();
            }

            pending = ring.WriteAsync(fd, output.WrittenMemory, offset, cancellationToken);
            offset += output.WrittenCount;
            /*~ASYS1005*/output.Clear();
        }

        await pending;
        return offset;
    }
}
