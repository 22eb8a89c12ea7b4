// A PostgreSQL backend-message reader: the reply arrives in pieces, so it receives into the free tail of a pooled
// buffer, parses the 5-byte header (type, length) once it is there, and when the body does not fit rents a larger
// buffer, copies what it has, and returns the old one. Every copy, growth and return happens after the receive into
// that buffer has been awaited; no receive is in flight while the buffer is touched.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.InFlight.PgMessageInPieces;

public sealed class BackendMessageReader(IoRing ring, int fd)
{
    public async Task<(byte Type, byte[] Body)> ReadMessageAsync(CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(8192);
        int filled = 0;
        try
        {
            int total = int.MaxValue;
            while (filled < total)
            {
                int n = await ring.ReceiveAsync(fd, buffer.AsMemory(filled), MessageFlags.None, ct);
                if (n == 0) throw new EndOfStreamException("server closed the connection mid-message");
                filled += n;
                if (total == int.MaxValue && filled >= 5)
                {
                    total = 1 + BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(1, 4));
                    if (total > buffer.Length)
                    {
                        byte[] larger = ArrayPool<byte>.Shared.Rent(total);
                        buffer.AsSpan(0, filled).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                }
            }

            return (buffer[0], buffer.AsSpan(5, total - 5).ToArray());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
