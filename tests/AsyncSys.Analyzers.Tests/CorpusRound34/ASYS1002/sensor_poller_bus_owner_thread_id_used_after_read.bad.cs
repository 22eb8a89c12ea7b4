// A sensor hub marks which sensor is using the shared bus, keyed by the polling thread's id, while it reads a sample
// from the sensor's character device. The read is awaited, so the finally runs on another thread with the first
// thread's id: it removes the wrong entry (or none), and the owner map fills with stale "busy" sensors.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.ThreadState.SensorBusOwner;

public sealed class SensorHub(IoRing ring)
{
    private readonly ConcurrentDictionary<int, string> _sensorByThread = new();

    public async Task<int> PollAsync(int deviceFd, byte[] sample, string sensor, CancellationToken ct)
    {
        int owner = Environment.CurrentManagedThreadId;
        _sensorByThread[owner] = sensor;
        try
        {
            return await ring.ReadAsync(deviceFd, sample, 0, ct);
        }
        finally
        {
            _sensorByThread.TryRemove(/*~ASYS1002*/owner, out _);
        }
    }
}
