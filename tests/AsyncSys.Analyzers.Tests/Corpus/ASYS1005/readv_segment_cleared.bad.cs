// One of the vectored read's segments is cleared while the read is in flight.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Scatter
{
    public static async Task<int> ReadRecordAsync(IoRing ring, int fd, long offset, CancellationToken cancellationToken)
    {
        byte[] header = new byte[16];
        byte[] body = new byte[4080];
        ValueTask<int> read = ring.ReadAsync(fd, new Memory<byte>[] { header, body }, offset, cancellationToken);
        /*~ASYS1005*/Array.Clear(body);
        return await read;
    }
}
