// A Redis command handler rents its reply in a using declaration and awaits the send a switch expression's arm starts on it, so the lease goes back only after the send ended.
using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus45.RespReplyOk;

internal enum RespCommand { Ping, Get, Del }

internal sealed class RespReplyWriter(IoRing ring, int socket, Func<string, byte[]?> lookup)
{
    private static readonly byte[] Pong = Encoding.ASCII.GetBytes("+PONG\r\n");
    private static readonly byte[] NullBulk = Encoding.ASCII.GetBytes("$-1\r\n");

    public async ValueTask<int> ReplyAsync(RespCommand command, string key, CancellationToken ct)
    {
        using IMemoryOwner<byte> lease = MemoryPool<byte>.Shared.Rent(4096);
        Memory<byte> reply = lease.Memory;
        return await (command switch
        {
            RespCommand.Ping => ring.SendAsync(socket, Pong, MessageFlags.None, ct),
            RespCommand.Get when lookup(key) is { } value => ring.SendAsync(socket, reply[..WriteBulk(value, reply.Span)], MessageFlags.None, ct),
            _ => ring.SendAsync(socket, NullBulk, MessageFlags.None, ct),
        }).ConfigureAwait(false);
    }

    private static int WriteBulk(byte[] value, Span<byte> destination)
    {
        int at = Encoding.ASCII.GetBytes("$" + value.Length + "\r\n", destination);
        value.CopyTo(destination[at..]);
        at += value.Length;
        destination[at++] = (byte)'\r';
        destination[at++] = (byte)'\n';
        return at;
    }
}
