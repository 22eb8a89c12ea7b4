// A game server sends a position snapshot through a generic IoRing extension that copies the T* value into an array before starting the send, so the caller's stack local may die with its frame.
using System;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round11.Stack.GenericSendValueOk;

[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct PositionUpdate
{
    public uint PlayerId;
    public uint Tick;
    public float X, Y, Z;
    public short Yaw;
}

public static class RingValueExtensions
{
    /// <summary>Sends one unmanaged value as a datagram; the bytes are copied before the send starts.</summary>
    public static unsafe ValueTask<int> SendValueAsync<T>(this IoRing ring, int socket, T* value, CancellationToken cancellationToken = default)
        where T : unmanaged
        => ring.SendAsync(socket, new ReadOnlySpan<byte>(value, sizeof(T)).ToArray(), MessageFlags.None, cancellationToken);
}

public sealed class SnapshotBroadcaster(IoRing ring)
{
    public unsafe ValueTask<int> SendPositionAsync(int socket, uint playerId, uint tick, Vector3 position, short yaw, CancellationToken cancellationToken)
    {
        PositionUpdate update = new() { PlayerId = playerId, Tick = tick, X = position.X, Y = position.Y, Z = position.Z, Yaw = yaw };
        return ring.SendValueAsync(socket, &update, cancellationToken);
    }
}
