// A web backend's file endpoint rents a request-scoped buffer, starts the ring read of the file's first block, and
// writes the response head to the client while the read runs. When the client has gone the head write throws, the
// finally returns the buffer to the pool and the read still completes into it: the next request that rents the array
// sends this file's bytes to its own client.
using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round16.BufferInFlight.FileEndpointHeadWriteFails;

public sealed class FileEndpoint(IoRing ring)
{
    public async Task ServeAsync(int fileFd, Stream response, byte[] head, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            ValueTask<int> read = ring.ReadAsync(fileFd, buffer, 0, ct);
            await response.WriteAsync(head, ct);
            int n = await read;
            await response.WriteAsync(buffer.AsMemory(0, n), ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(/*~ASYS1005*/buffer);
        }
    }
}
