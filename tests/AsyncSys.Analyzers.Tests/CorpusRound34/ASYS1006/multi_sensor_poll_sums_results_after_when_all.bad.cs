// A weather station polls all its sensors' character devices at once: it keeps each read's ValueTask in a list, waits
// for all of them through AsTask(), and then sums the byte counts with .Result. AsTask() already consumed each ValueTask;
// reading .Result again reads recycled sources (another poll's counts, or an exception).
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.ValueTasks.WeatherStationResultAgain;

public sealed class WeatherStation(IoRing ring, int[] sensorFds)
{
    public async Task<int> PollAllAsync(byte[][] samples, CancellationToken ct)
    {
        var reads = new List<ValueTask<int>>(sensorFds.Length);
        for (int i = 0; i < sensorFds.Length; i++)
        {
            reads.Add(ring.ReadAsync(sensorFds[i], samples[i], ct));
        }

        await Task.WhenAll(reads.Select(r => r.AsTask()));
        return /*~ASYS1006*/reads.Sum(r => r.Result);
    }
}
