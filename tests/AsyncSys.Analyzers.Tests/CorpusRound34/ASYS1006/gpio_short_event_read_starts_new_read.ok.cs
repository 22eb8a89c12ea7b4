// The GPIO edge reader made right: a short read starts a new read for the rest of the record.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.ValueTasks.GpioReadAgain;

public sealed class EdgeReader(IoRing ring, int lineFd)
{
    private readonly byte[] _record = new byte[16];

    public async Task<ulong> NextEdgeTimestampAsync(CancellationToken ct)
    {
        int n = 0;
        while (n < 16)
        {
            ValueTask<int> read = ring.ReadAsync(lineFd, _record.AsMemory(n), ct);
            int got = await read;
            if (got <= 0) return 0;
            n += got;
        }

        return BinaryPrimitives.ReadUInt64LittleEndian(_record);
    }
}
