// A game server sends a position snapshot through a generic IoRing extension that wraps a T* in Memory and starts the send; the caller passes the address of a stack local and returns the send's task.
using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round11.Stack.GenericSendValue;

[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct PositionUpdate
{
    public uint PlayerId;
    public uint Tick;
    public float X, Y, Z;
    public short Yaw;
}

/// <summary>Memory over unmanaged memory the caller keeps alive (the usual UnmanagedMemoryManager helper).</summary>
public sealed unsafe class UnmanagedMemoryManager : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public UnmanagedMemoryManager(byte* pointer, int length)
    {
        _pointer = pointer;
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

public static class RingValueExtensions
{
    /// <summary>Sends one unmanaged value as a datagram without allocating a byte array.</summary>
    public static unsafe ValueTask<int> SendValueAsync<T>(this IoRing ring, int socket, T* value, CancellationToken cancellationToken = default)
        where T : unmanaged
        => ring.SendAsync(socket, new UnmanagedMemoryManager((byte*)value, sizeof(T)).Memory, MessageFlags.None, cancellationToken);
}

public sealed class SnapshotBroadcaster(IoRing ring)
{
    public unsafe ValueTask<int> SendPositionAsync(int socket, uint playerId, uint tick, Vector3 position, short yaw, CancellationToken cancellationToken)
    {
        PositionUpdate update = new() { PlayerId = playerId, Tick = tick, X = position.X, Y = position.Y, Z = position.Z, Yaw = yaw };
        return ring.SendValueAsync(socket, /*~ASYS1004*/&update, cancellationToken);
    }
}
