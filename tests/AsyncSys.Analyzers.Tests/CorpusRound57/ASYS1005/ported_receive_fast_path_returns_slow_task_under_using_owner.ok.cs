// A message reader ported from Socket.ReceiveAsync(Memory<byte>) keeps the ValueTask fast path but hands the MemoryPool owner to the slow path, which disposes it after the receive has completed and the line is parsed; only the fast path, where the receive already ended, disposes the owner before returning.
using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus57.ReceiveOwnerFastPathOk;

internal sealed class LineReader(IoRing ring, int socket)
{
    public ValueTask<string> ReadLineAsync(CancellationToken ct)
    {
        IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(1024);
        ValueTask<int> receive = ring.ReceiveAsync(socket, owner.Memory, MessageFlags.None, ct);
        if (receive.IsCompletedSuccessfully)
        {
            string line = Parse(owner.Memory.Span[..receive.Result]);
            owner.Dispose();
            return new ValueTask<string>(line);
        }

        return new ValueTask<string>(ParseWhenReceivedAsync(receive, owner));
    }

    private static async Task<string> ParseWhenReceivedAsync(ValueTask<int> receive, IMemoryOwner<byte> owner)
    {
        using (owner)
        {
            int n = await receive.ConfigureAwait(false);
            return Parse(owner.Memory.Span[..n]);
        }
    }

    private static string Parse(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes).TrimEnd('\n');
}
