// A log relay, tuned after a profile showed allocations, compresses each received chunk into a [ThreadStatic] pinned scratch buffer taken after each receive's await and copied out into the relay's own outbox before the write is awaited, so the scratch is never held across an await.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus49.RelayScratchOk;

internal sealed class CompressingRelay(IoRing ring, int socket, int fd)
{
    [ThreadStatic]
    private static byte[]? t_scratch;

    private readonly byte[] _inbox = GC.AllocateUninitializedArray<byte>(32 * 1024, pinned: true);
    private readonly byte[] _outbox = GC.AllocateUninitializedArray<byte>(64 * 1024, pinned: true);

    private static byte[] Scratch => t_scratch ??= GC.AllocateUninitializedArray<byte>(64 * 1024, pinned: true);

    public async Task PumpAsync(CancellationToken ct)
    {
        long offset = 0;
        while (!ct.IsCancellationRequested)
        {
            int n = await ring.ReceiveAsync(socket, _inbox, MessageFlags.None, ct).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            byte[] scratch = Scratch;
            int packed = Pack(_inbox.AsSpan(0, n), scratch);
            scratch.AsSpan(0, packed).CopyTo(_outbox);
            await ring.WriteAsync(fd, _outbox.AsMemory(0, packed), offset, ct).ConfigureAwait(false);
            offset += packed;
        }
    }

    private static int Pack(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int written = 0;
        for (int i = 0; i < source.Length && written + 2 <= destination.Length; i++)
        {
            byte run = 1;
            while (i + 1 < source.Length && source[i + 1] == source[i] && run < 255)
            {
                run++;
                i++;
            }

            destination[written++] = run;
            destination[written++] = source[i];
        }

        return written;
    }
}
