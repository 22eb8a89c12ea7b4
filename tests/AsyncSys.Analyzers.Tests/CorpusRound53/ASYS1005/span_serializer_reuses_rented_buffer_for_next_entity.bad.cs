// A replication step serializes each visible entity with a span-based serializer into one rented buffer and starts a send of it per entity, collecting the sends for Task.WhenAll; the next entity is serialized into the same buffer while the previous entity's send still reads it.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus53.EntitySerializerBad;

internal readonly record struct Entity(int Id, float X, float Y, float Heading);

internal static class EntitySerializer
{
    public static int Write(Span<byte> destination, in Entity entity)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, entity.Id);
        BinaryPrimitives.WriteSingleLittleEndian(destination[4..], entity.X);
        BinaryPrimitives.WriteSingleLittleEndian(destination[8..], entity.Y);
        BinaryPrimitives.WriteSingleLittleEndian(destination[12..], entity.Heading);
        return 16;
    }
}

internal sealed class Replicator(IoRing ring, int socket)
{
    public async Task ReplicateAsync(IReadOnlyList<Entity> visible, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(512);
        try
        {
            var sends = new List<Task<int>>(visible.Count);
            foreach (Entity entity in visible)
            {
                int length = EntitySerializer.Write(/*~ASYS1005*/buffer, entity);
                sends.Add(ring.SendAsync(socket, buffer.AsMemory(0, length), MessageFlags.None, ct).AsTask());
            }

            await Task.WhenAll(sends).ConfigureAwait(false);
        }
        finally
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
