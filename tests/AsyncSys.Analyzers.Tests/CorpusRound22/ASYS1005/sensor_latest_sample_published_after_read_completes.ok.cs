// The sensor poller, made right: the record is published for the status endpoint only after the read filled it, and
// only when it is a whole record.
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.InFlight.LatestSamplePublishedAfterRead;

public sealed class SensorPoller(IoRing ring)
{
    private readonly ConcurrentDictionary<int, byte[]> _latest = new();

    public byte[]? Latest(int sensorId) => _latest.TryGetValue(sensorId, out byte[]? sample) ? sample : null;

    public async Task<int> PollAsync(int sensorId, int deviceFd, CancellationToken ct)
    {
        byte[] sample = new byte[32];
        ValueTask<int> read = ring.ReadAsync(deviceFd, sample, ct);
        int n = await read;
        if (n == sample.Length)
        {
            _latest[sensorId] = sample;
        }

        return n;
    }
}
