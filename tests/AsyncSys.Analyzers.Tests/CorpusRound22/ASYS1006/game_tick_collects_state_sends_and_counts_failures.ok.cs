// The tick sender, made right: every send's task is kept (converted once with AsTask), the tick awaits them all, and
// the same materialized array is then inspected for the clients whose send failed.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.ValueTasks.TickCollectsSends;

public interface IWorld
{
    byte[] DeltaFor(int clientId);
}

public sealed class TickSender(IoRing ring, IWorld world)
{
    public async Task<int> SendTickAsync(IReadOnlyDictionary<int, int> socketByClient, CancellationToken ct)
    {
        Task<int>[] sends = socketByClient
            .Select(client => ring.SendAsync(client.Value, world.DeltaFor(client.Key), MessageFlags.DontWait, ct).AsTask())
            .ToArray();
        try
        {
            await Task.WhenAll(sends);
        }
        catch (ErrnoException)
        {
        }

        return sends.Count(send => send.IsFaulted);
    }
}
