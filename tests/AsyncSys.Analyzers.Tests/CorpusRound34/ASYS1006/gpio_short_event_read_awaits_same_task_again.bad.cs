// A GPIO edge reader reads one 16-byte gpioevent_data record. When the read comes back short it "tries again" by
// awaiting the same ValueTask a second time instead of starting a new read: the source behind it has been recycled,
// so the second await observes another operation's result or throws.
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.ValueTasks.GpioReadAwaitedTwice;

public sealed class EdgeReader(IoRing ring, int lineFd)
{
    private readonly byte[] _record = new byte[16];

    public async Task<ulong> NextEdgeTimestampAsync(CancellationToken ct)
    {
        ValueTask<int> read = ring.ReadAsync(lineFd, _record, ct);
        int n = await read;
        if (n < 16)
        {
            n = await /*~ASYS1006*/read;
        }

        return n == 16 ? BinaryPrimitives.ReadUInt64LittleEndian(_record) : 0;
    }
}
