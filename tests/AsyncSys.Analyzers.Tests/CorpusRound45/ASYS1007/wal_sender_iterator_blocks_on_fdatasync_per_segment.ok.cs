// A Postgres-style WAL sender's async iterator awaits the generated fdatasync variant for each finished segment before yielding its end LSN.
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus45.WalSenderOk;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fdatasync(int fd);
}

internal sealed record WalSegment(int Fd, long EndLsn);

internal sealed class WalSender(IoRing ring)
{
    public async IAsyncEnumerable<long> FlushedLsnsAsync(ChannelReader<WalSegment> segments, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (WalSegment segment in segments.ReadAllAsync(ct).ConfigureAwait(false))
        {
            await Native.FdatasyncAsync(ring, segment.Fd, ct).ConfigureAwait(false);
            yield return segment.EndLsn;
        }
    }
}
