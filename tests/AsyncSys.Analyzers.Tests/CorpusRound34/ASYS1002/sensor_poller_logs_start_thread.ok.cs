// The same sensor hub keeps its busy map keyed by sensor name and only logs which thread started the poll.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.ThreadState.SensorBusOwnerBySensor;

public sealed class SensorHub(IoRing ring)
{
    private readonly ConcurrentDictionary<string, int> _busySensors = new();

    public async Task<int> PollAsync(int deviceFd, byte[] sample, string sensor, CancellationToken ct)
    {
        int startedOn = Environment.CurrentManagedThreadId;
        _busySensors[sensor] = deviceFd;
        try
        {
            return await ring.ReadAsync(deviceFd, sample, 0, ct);
        }
        finally
        {
            _busySensors.TryRemove(sensor, out _);
            Console.WriteLine($"poll of {sensor} started on thread {startedOn}");
        }
    }
}
