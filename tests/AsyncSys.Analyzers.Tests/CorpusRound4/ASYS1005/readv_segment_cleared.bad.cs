using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.InFlight.ReadvClear;

internal static class Records
{
    public static async Task<int> ReadRecordAsync(IoRing ring, int fd, long offset, Action<byte[], byte[], int> consume)
    {
        byte[] header = new byte[16];
        byte[] body = ArrayPool<byte>.Shared.Rent(4096);
        var segments = new List<Memory<byte>> { header, body };
        ValueTask<int> read = ring.ReadAsync(fd, segments, offset);
        /*~ASYS1005*/Array.Clear(body);   // "no stale bytes from the last renter", while the readv fills it
        int n = await read;
        consume(header, body, n);
        ArrayPool<byte>.Shared.Return(body);
        return n;
    }
}
