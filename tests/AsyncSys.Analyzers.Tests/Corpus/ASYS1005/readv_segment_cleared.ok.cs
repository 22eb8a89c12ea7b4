// The segments are cleared before the vectored read is submitted.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Scatter
{
    public static async Task<int> ReadRecordAsync(IoRing ring, int fd, long offset, byte[] header, byte[] body, CancellationToken cancellationToken)
    {
        Array.Clear(header);
        Array.Clear(body);
        return await ring.ReadAsync(fd, new Memory<byte>[] { header, body }, offset, cancellationToken);
    }
}
