// The payload is a slice of an array the ring pins.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Records
{
    private const int HeaderSize = 8;

    public static ValueTask<int> ReadPayloadAsync(IoRing ring, int fd, long offset, CancellationToken cancellationToken)
    {
        byte[] record = new byte[HeaderSize + 56];
        return ring.ReadAsync(fd, record.AsMemory(HeaderSize, 56), offset + HeaderSize, cancellationToken);
    }
}
