// The scrub switch runs after the write is awaited.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal enum Retention
{
    Keep,
    Scrub,
}

internal static class Spool
{
    public static async Task<int> FlushAsync(IoRing ring, int fd, byte[] frame, long offset, Retention retention, CancellationToken cancellationToken)
    {
        ValueTask<int> write = ring.WriteAtMostAsync(fd, frame, offset, cancellationToken);
        int written = await write;
        switch (retention)
        {
            case Retention.Scrub:
                frame.AsSpan().Clear();
                break;
            case Retention.Keep:
                break;
        }

        return written;
    }
}
