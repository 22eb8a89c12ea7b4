// A Redis command handler rents its reply in a using declaration and returns the send a switch expression's arm starts on it, so the lease goes back to the pool as the method returns, with the send in flight.
using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus45.RespReplyBad;

internal enum RespCommand { Ping, Get, Del }

internal sealed class RespReplyWriter(IoRing ring, int socket, Func<string, byte[]?> lookup)
{
    private static readonly byte[] Pong = Encoding.ASCII.GetBytes("+PONG\r\n");
    private static readonly byte[] NullBulk = Encoding.ASCII.GetBytes("$-1\r\n");

    public ValueTask<int> ReplyAsync(RespCommand command, string key, CancellationToken ct)
    {
        /*~ASYS1005*/using IMemoryOwner<byte> lease = MemoryPool<byte>.Shared.Rent(4096);
        Memory<byte> reply = lease.Memory;
        return command switch
        {
            RespCommand.Ping => ring.SendAsync(socket, Pong, MessageFlags.None, ct),
            RespCommand.Get when lookup(key) is { } value => ring.SendAsync(socket, reply[..WriteBulk(value, reply.Span)], MessageFlags.None, ct),
            _ => ring.SendAsync(socket, NullBulk, MessageFlags.None, ct),
        };
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
