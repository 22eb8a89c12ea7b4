using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading.Tasks;
using AsyncSys;

namespace Round10.InFlight.RedisReplyDictionaryOk;

/// <summary>
/// A Redis-protocol server's reply stage: replies of one event-loop turn are queued per connection and the loop
/// awaits them all at the end of the turn. Each reply is copied into a pooled array, which goes back to the pool
/// when its send has completed.
/// </summary>
internal sealed class ReplyWriter(IoRing ring)
{
    private readonly Dictionary<int, ValueTask<int>> _pendingByConnection = new();

    public void QueueReply(int fd, ReadOnlySpan<byte> reply)
    {
        if (_pendingByConnection.ContainsKey(fd))
        {
            throw new InvalidOperationException("one reply per connection per turn: the parser batches the rest");
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent(reply.Length);
        reply.CopyTo(rented);
        _pendingByConnection[fd] = SendThenReturnAsync(fd, rented, reply.Length);
    }

    private async ValueTask<int> SendThenReturnAsync(int fd, byte[] rented, int length)
    {
        try
        {
            return await ring.SendAsync(fd, rented.AsMemory(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public async ValueTask<int> EndTurnAsync()
    {
        int sent = 0;
        foreach ((int _, ValueTask<int> pending) in _pendingByConnection)
        {
            sent += await pending;
        }

        _pendingByConnection.Clear();
        return sent;
    }
}
