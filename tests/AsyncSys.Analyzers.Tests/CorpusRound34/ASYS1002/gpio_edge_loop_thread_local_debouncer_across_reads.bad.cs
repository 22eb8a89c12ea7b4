// A GPIO edge watcher reads gpioevent_data records (16 bytes: timestamp, id) from a line event fd in a loop. It takes
// "this thread's" debouncer from a ThreadLocal once before the loop; after each awaited read it resumes on whatever
// pool thread completed it, and feeds events into a debouncer another watcher on the first thread is also using.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.ThreadState.GpioThreadLocalDebouncer;

public sealed class Debouncer
{
    private ulong _lastNs;
    public int Accepted { get; private set; }

    public void Feed(ulong timestampNs)
    {
        if (timestampNs - _lastNs > 5_000_000) Accepted++;
        _lastNs = timestampNs;
    }
}

public sealed class EdgeWatcher(IoRing ring, int lineFd)
{
    private static readonly ThreadLocal<Debouncer> s_debouncer = new(() => new Debouncer());

    public async Task<int> CountPressesAsync(int events, CancellationToken ct)
    {
        var record = new byte[16];
        Debouncer debouncer = s_debouncer.Value!;
        for (int i = 0; i < events; i++)
        {
            int n = await ring.ReadAsync(lineFd, record, ct);
            if (n < 16) break;
            /*~ASYS1002*/debouncer.Feed(BinaryPrimitives.ReadUInt64LittleEndian(record));
        }

        return debouncer.Accepted;
    }
}
