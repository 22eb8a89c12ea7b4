// The same endpoint writes the head first and starts the ring read only afterwards; when the head write throws no read
// is in flight, and a read that throws has finished with the buffer.
using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round16.BufferInFlight.FileEndpointHeadFirst;

public sealed class FileEndpoint(IoRing ring)
{
    public async Task ServeAsync(int fileFd, Stream response, byte[] head, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            await response.WriteAsync(head, ct);
            int n = await ring.ReadAsync(fileFd, buffer, 0, ct);
            await response.WriteAsync(buffer.AsMemory(0, n), ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
