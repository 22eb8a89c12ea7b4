// A message reader ported from Socket.ReceiveAsync(Memory<byte>) rents its receive memory from MemoryPool<byte>.Shared with a using declaration and keeps the usual ValueTask fast path: when the receive completed synchronously it parses at once, otherwise it returns a helper's task that awaits the receive and parses then. The using disposes the owner as the method returns, so on the slow path the memory goes back to the pool while the kernel still writes into it and the helper parses someone else's buffer.
using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus57.ReceiveOwnerFastPathBad;

internal sealed class LineReader(IoRing ring, int socket)
{
    public ValueTask<string> ReadLineAsync(CancellationToken ct)
    {
        /*~ASYS1005*/using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(1024);
        ValueTask<int> receive = ring.ReceiveAsync(socket, owner.Memory, MessageFlags.None, ct);
        if (receive.IsCompletedSuccessfully)
        {
            return new ValueTask<string>(Parse(owner.Memory.Span[..receive.Result]));
        }

        return new ValueTask<string>(ParseWhenReceivedAsync(receive, owner.Memory));
    }

    private static async Task<string> ParseWhenReceivedAsync(ValueTask<int> receive, Memory<byte> memory)
    {
        int n = await receive.ConfigureAwait(false);
        return Parse(memory.Span[..n]);
    }

    private static string Parse(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes).TrimEnd('\n');
}
