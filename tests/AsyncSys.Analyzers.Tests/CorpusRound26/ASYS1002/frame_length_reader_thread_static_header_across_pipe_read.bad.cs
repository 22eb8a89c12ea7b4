// A frame decoder avoids allocating a 4-byte header array per frame by keeping one per thread in a [ThreadStatic] field.
// It takes "its" array before awaiting the PipeReader and fills it after: by then it runs on another thread, and the
// thread it started on may be decoding another connection's header into the very same array, so lengths get torn.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;

namespace Round26.PerThread.FrameLengthThreadStaticHeader;

public sealed class FrameLengthReader(PipeReader reader)
{
    [ThreadStatic]
    private static byte[]? t_header;

    public async ValueTask<int> ReadLengthAsync(CancellationToken ct)
    {
        byte[] header = t_header ??= new byte[4];
        while (true)
        {
            ReadResult result = await reader.ReadAsync(ct);
            ReadOnlySequence<byte> buffer = result.Buffer;
            if (buffer.Length >= 4)
            {
                buffer.Slice(0, 4).CopyTo(/*~ASYS1002*/header);
                reader.AdvanceTo(buffer.GetPosition(4));
                return BinaryPrimitives.ReadInt32BigEndian(header);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new EndOfStreamException("connection closed inside a frame header");
            }
        }
    }
}
