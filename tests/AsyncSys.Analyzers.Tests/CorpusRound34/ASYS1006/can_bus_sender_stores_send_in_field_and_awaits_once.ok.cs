// A CAN heartbeat sender keeps the last send's task in a field so the next heartbeat waits for it first; each stored
// task is awaited once before a new one replaces it.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.ValueTasks.CanHeartbeatField;

public sealed class HeartbeatSender(IoRing ring, int canSocket)
{
    private readonly byte[] _frame = new byte[16];
    private ValueTask<int> _pending = new(0);

    public async Task BeatAsync(byte counter, CancellationToken ct)
    {
        await _pending;
        _frame[8] = counter;
        _pending = ring.SendAsync(canSocket, _frame, MessageFlags.None, ct);
    }

    public async Task StopAsync()
    {
        await _pending;
        _pending = new ValueTask<int>(0);
    }
}
