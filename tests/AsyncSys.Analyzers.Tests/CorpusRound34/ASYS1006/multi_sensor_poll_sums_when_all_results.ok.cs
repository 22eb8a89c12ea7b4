// The weather station made right: the counts come from what Task.WhenAll returns, one consumption per read.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.ValueTasks.WeatherStationWhenAllResults;

public sealed class WeatherStation(IoRing ring, int[] sensorFds)
{
    public async Task<int> PollAllAsync(byte[][] samples, CancellationToken ct)
    {
        var reads = new List<ValueTask<int>>(sensorFds.Length);
        for (int i = 0; i < sensorFds.Length; i++)
        {
            reads.Add(ring.ReadAsync(sensorFds[i], samples[i], ct));
        }

        int[] counts = await Task.WhenAll(reads.Select(r => r.AsTask()));
        return counts.Sum();
    }
}
