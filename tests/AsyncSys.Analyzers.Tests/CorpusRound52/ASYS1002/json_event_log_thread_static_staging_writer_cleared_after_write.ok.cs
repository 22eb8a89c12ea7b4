// An event log serialises each event with a Utf8JsonWriter into the calling thread's cached ArrayBufferWriter, copies the staged bytes out and resets the staging writer before the await, so the ring write reads the copy and the cached writer is only used on the thread that took it.
using System;
using System.Buffers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.JsonStagingThreadStaticOk;

internal sealed class EventLog(IoRing ring, int fd)
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_staging;

    private long _offset;

    public async Task AppendAsync(string name, long value, CancellationToken ct)
    {
        ArrayBufferWriter<byte> staging = t_staging ??= new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(staging))
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteNumber("value", value);
            json.WriteEndObject();
        }

        staging.Write("\n"u8);
        byte[] record = staging.WrittenSpan.ToArray();
        staging.ResetWrittenCount();
        long at = Interlocked.Add(ref _offset, record.Length) - record.Length;
        await ring.WriteAsync(fd, record, at, ct).ConfigureAwait(false);
    }
}
