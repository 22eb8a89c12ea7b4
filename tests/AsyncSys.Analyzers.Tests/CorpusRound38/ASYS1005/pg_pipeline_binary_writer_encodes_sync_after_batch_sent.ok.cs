// A PostgreSQL-style extended-query pipeline encodes its messages with a BinaryWriter over a MemoryStream that wraps a
// pooled array. It sends Parse/Bind/Execute, awaits that send, and only then rewinds the stream and encodes the Sync
// message into the array for the second send: the first send has read its bytes by then.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.InFlight.PgPipelineBinaryWriterSyncAfter;

public sealed class ExtendedQueryPipeline(IoRing ring, int fd)
{
    private static readonly byte[] SyncMessage = { (byte)'S', 0, 0, 0, 4 };

    public async Task<int> RunAsync(string sql, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(8192);
        var stream = new MemoryStream(buffer);
        var writer = new BinaryWriter(stream);
        WriteMessage(writer, (byte)'P', Encoding.UTF8.GetBytes("\0" + sql + "\0\0\0"));
        WriteMessage(writer, (byte)'B', new byte[] { 0, 0, 0, 0, 0, 0, 0, 0 });
        WriteMessage(writer, (byte)'E', new byte[] { 0, 0, 0, 0, 0 });
        int length = (int)stream.Position;

        ValueTask<int> send = ring.SendAsync(fd, buffer.AsMemory(0, length), MessageFlags.None, ct);
        int sent = await send;
        stream.Position = 0;
        writer.Write(SyncMessage);
        sent += await ring.SendAsync(fd, buffer.AsMemory(0, SyncMessage.Length), MessageFlags.None, ct);
        ArrayPool<byte>.Shared.Return(buffer);
        return sent;
    }

    private static void WriteMessage(BinaryWriter writer, byte type, byte[] body)
    {
        writer.Write(type);
        writer.Write(BinaryPrimitives.ReverseEndianness(body.Length + 4));
        writer.Write(body);
    }
}
