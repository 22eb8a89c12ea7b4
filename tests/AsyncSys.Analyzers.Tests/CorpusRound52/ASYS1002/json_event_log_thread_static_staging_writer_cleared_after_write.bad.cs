// An event log serialises each event with a Utf8JsonWriter into the calling thread's cached ArrayBufferWriter, writes the staged bytes with a ring write and clears the staging writer after the await: by then the method runs on another thread, while the original thread's next event has taken the same cached writer and is staging into it (and the ring write still reads it).
using System;
using System.Buffers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.JsonStagingThreadStaticBad;

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
        long at = Interlocked.Add(ref _offset, staging.WrittenCount) - staging.WrittenCount;
        await ring.WriteAsync(fd, staging.WrittenMemory, at, ct).ConfigureAwait(false);
        /*~ASYS1002*/staging.ResetWrittenCount();
    }
}
