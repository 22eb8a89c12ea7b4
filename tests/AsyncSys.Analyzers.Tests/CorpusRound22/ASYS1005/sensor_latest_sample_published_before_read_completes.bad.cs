// An IoT gateway reads each sensor's sample record from its character device and keeps the latest one per sensor for
// the HTTP status endpoint. It stores the fresh array in the shared map right after starting the read, before awaiting
// it: the status endpoint serves a zero-filled or half-filled record as the sensor's current value.
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.InFlight.LatestSamplePublishedEarly;

public sealed class SensorPoller(IoRing ring)
{
    private readonly ConcurrentDictionary<int, byte[]> _latest = new();

    public byte[]? Latest(int sensorId) => _latest.TryGetValue(sensorId, out byte[]? sample) ? sample : null;

    public async Task<int> PollAsync(int sensorId, int deviceFd, CancellationToken ct)
    {
        byte[] sample = new byte[32];
        ValueTask<int> read = ring.ReadAsync(deviceFd, sample, ct);
        /*~ASYS1005*/_latest[sensorId] = sample;
        return await read;
    }
}
