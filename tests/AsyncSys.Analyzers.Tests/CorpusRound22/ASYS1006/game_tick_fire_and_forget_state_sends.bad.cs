// A UDP game server's tick sends each client its delta state and moves on without keeping the send: "UDP is lossy
// anyway". A send that fails (EMSGSIZE for an oversized delta, ECONNREFUSED from a client that left) is never seen, so
// the server keeps ticking state at a dead client and never shrinks the delta that is too large to go out.
using System;
using System.Collections.Generic;
using System.Threading;
using AsyncSys;

namespace Round22.ValueTasks.TickFireAndForget;

public interface IWorld
{
    byte[] DeltaFor(int clientId);
}

public sealed class TickSender(IoRing ring, IWorld world)
{
    public void SendTick(IReadOnlyDictionary<int, int> socketByClient, CancellationToken ct)
    {
        foreach (KeyValuePair<int, int> client in socketByClient)
        {
            byte[] delta = world.DeltaFor(client.Key);
            _ = /*~ASYS1006*/ring.SendAsync(client.Value, delta, MessageFlags.DontWait, ct);
        }
    }
}
