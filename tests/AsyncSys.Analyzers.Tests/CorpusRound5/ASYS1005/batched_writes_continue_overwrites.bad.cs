using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.InFlight.PipelinedContinue;

internal static class Exporter
{
    // Writes one 8-byte record per value, overlapping each write with preparing the next; negative values are skipped.
    public static async Task<int> ExportAsync(IoRing ring, int fd, IReadOnlyList<long> values)
    {
        byte[] record = new byte[8];
        ValueTask pending = default;
        int written = 0;
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] < 0)
            {
                continue;
            }

            /*~ASYS1005*/BinaryPrimitives.WriteInt64LittleEndian(record, values[i]);   // the previous record's write may still be reading it
            await pending;
            pending = ring.WriteAsync(fd, record, written * 8L);
            written++;
        }

        await pending;
        return written;
    }
}
