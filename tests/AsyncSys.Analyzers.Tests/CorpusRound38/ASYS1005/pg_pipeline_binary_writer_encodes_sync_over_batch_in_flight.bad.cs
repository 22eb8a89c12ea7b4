// A PostgreSQL-style extended-query pipeline encodes its messages with a BinaryWriter over a MemoryStream that wraps a
// pooled array. It starts sending Parse/Bind/Execute from the array, then rewinds the stream and encodes the Sync
// message at the start of the same array before awaiting the send: when the send waits for socket space, the kernel
// reads 'S' and Sync's length where Parse's header was, and the server drops the connection with a protocol error.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.InFlight.PgPipelineBinaryWriterSync;

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
        stream.Position = 0;
        /*~ASYS1005*/writer.Write(SyncMessage);
        int sent = await send;
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
