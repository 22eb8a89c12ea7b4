// The frame decoder made right: the per-thread header array is taken after the PipeReader's await, on the thread that
// fills and decodes it, with no await between the take and the last use.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;

namespace Round26.PerThread.FrameLengthHeaderTakenAfterRead;

public sealed class FrameLengthReader(PipeReader reader)
{
    [ThreadStatic]
    private static byte[]? t_header;

    public async ValueTask<int> ReadLengthAsync(CancellationToken ct)
    {
        while (true)
        {
            ReadResult result = await reader.ReadAsync(ct);
            ReadOnlySequence<byte> buffer = result.Buffer;
            if (buffer.Length >= 4)
            {
                byte[] header = t_header ??= new byte[4];
                buffer.Slice(0, 4).CopyTo(header);
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
