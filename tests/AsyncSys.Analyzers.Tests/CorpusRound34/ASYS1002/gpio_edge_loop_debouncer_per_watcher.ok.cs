// The same GPIO edge watcher with one debouncer per watched line, owned by the watcher: whichever thread resumes the
// loop feeds the line's own debouncer.
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.ThreadState.GpioDebouncerPerWatcher;

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
    private readonly Debouncer _debouncer = new();

    public async Task<int> CountPressesAsync(int events, CancellationToken ct)
    {
        var record = new byte[16];
        for (int i = 0; i < events; i++)
        {
            int n = await ring.ReadAsync(lineFd, record, ct);
            if (n < 16) break;
            _debouncer.Feed(BinaryPrimitives.ReadUInt64LittleEndian(record));
        }

        return _debouncer.Accepted;
    }
}
