// The UDP send fast path, written right: a send that completed successfully has its result read once, any other is
// converted once with AsTask and only that Task is used afterwards.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.Observed.FastPathOnce;

public sealed class TickSender(IoRing ring, int socketFd)
{
    private readonly List<Task<int>> _pendingThisTick = new();
    private long _sentThisTick;

    public void Send(byte[] packet, int length, CancellationToken ct)
    {
        ValueTask<int> send = ring.SendAsync(socketFd, packet.AsMemory(0, length), MessageFlags.None, ct);
        if (send.IsCompletedSuccessfully)
        {
            _sentThisTick += send.Result;
        }
        else
        {
            _pendingThisTick.Add(send.AsTask());
        }
    }

    public async Task<long> EndTickAsync()
    {
        foreach (int sent in await Task.WhenAll(_pendingThisTick))
        {
            _sentThisTick += sent;
        }

        _pendingThisTick.Clear();
        long total = _sentThisTick;
        _sentThisTick = 0;
        return total;
    }
}
