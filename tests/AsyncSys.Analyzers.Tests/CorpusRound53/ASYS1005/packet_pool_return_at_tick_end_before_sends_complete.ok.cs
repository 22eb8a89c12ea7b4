// A tick encodes one packet per player into packets rented from a packet pool, starts each packet's send, awaits all the sends and only then returns the tick's packets to the pool.
using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus53.PacketPoolOk;

internal sealed class Packet
{
    public byte[] Data { get; } = new byte[1200];

    public int Length { get; set; }
}

internal sealed class PacketPool
{
    private readonly Stack<Packet> _free = new();

    public Packet Rent() => _free.Count > 0 ? _free.Pop() : new Packet();

    public void Return(Packet packet)
    {
        packet.Length = 0;
        _free.Push(packet);
    }
}

internal readonly record struct Player(int Socket, int Id, float X, float Y);

internal sealed class StateBroadcaster(IoRing ring, PacketPool pool)
{
    public async Task TickAsync(IReadOnlyList<Player> players, long tick, CancellationToken ct)
    {
        var rented = new List<Packet>(players.Count);
        var sends = new List<Task<int>>(players.Count);
        foreach (Player player in players)
        {
            Packet packet = pool.Rent();
            BinaryPrimitives.WriteInt64LittleEndian(packet.Data, tick);
            BinaryPrimitives.WriteInt32LittleEndian(packet.Data.AsSpan(8), player.Id);
            BinaryPrimitives.WriteSingleLittleEndian(packet.Data.AsSpan(12), player.X);
            BinaryPrimitives.WriteSingleLittleEndian(packet.Data.AsSpan(16), player.Y);
            packet.Length = 20;
            rented.Add(packet);
            sends.Add(ring.SendAsync(player.Socket, packet.Data.AsMemory(0, packet.Length), MessageFlags.None, ct).AsTask());
        }

        await Task.WhenAll(sends).ConfigureAwait(false);

        foreach (Packet packet in rented)
        {
            pool.Return(packet);
        }
    }
}
