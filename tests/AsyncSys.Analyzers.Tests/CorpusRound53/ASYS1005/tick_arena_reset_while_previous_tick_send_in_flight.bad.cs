// A room's tick loop resets its per-tick arena and serializes the dirty entities into it at the start of each PeriodicTimer tick, and only then awaits the send of the previous tick's arena, which is still reading the bytes being overwritten.
using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus53.TickArenaBad;

internal readonly record struct EntityState(int Id, long Packed);

internal sealed class RoomTicker(IoRing ring, int socket)
{
    private readonly byte[] _arena = new byte[64 * 1024];
    private int _used;

    public async Task RunAsync(PeriodicTimer timer, Func<IReadOnlyList<EntityState>> dirty, CancellationToken ct)
    {
        Task<int>? inFlight = null;
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            _used = 0;
            foreach (EntityState entity in dirty())
            {
                /*~ASYS1005*/BinaryPrimitives.WriteInt64LittleEndian(_arena.AsSpan(_used), ((long)entity.Id << 40) ^ entity.Packed);
                _used += 8;
            }

            if (inFlight is not null)
            {
                await inFlight.ConfigureAwait(false);
            }
            inFlight = ring.SendAsync(socket, _arena.AsMemory(0, _used), MessageFlags.None, ct).AsTask();
        }

        if (inFlight is not null)
        {
            await inFlight.ConfigureAwait(false);
        }
    }
}
