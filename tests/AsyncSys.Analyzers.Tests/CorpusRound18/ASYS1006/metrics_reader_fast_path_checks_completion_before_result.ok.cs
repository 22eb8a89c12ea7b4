// A metrics reader pulls /sys counters through the ring; most reads of sysfs complete inline, so it takes the result
// synchronously when the ValueTask already completed successfully and awaits it otherwise: one consumption on each path.
using System;
using System.Buffers.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.ValueTasks.SysfsFastPath;

public sealed class SysfsCounter(IoRing ring, int counterFd)
{
    private readonly byte[] _text = new byte[32];

    public async ValueTask<long> ReadAsync(CancellationToken ct)
    {
        ValueTask<int> read = ring.ReadAsync(counterFd, _text, 0, ct);
        int n = read.IsCompletedSuccessfully ? read.Result : await read;
        return Utf8Parser.TryParse(_text.AsSpan(0, n), out long value, out _) ? value : -1;
    }
}
