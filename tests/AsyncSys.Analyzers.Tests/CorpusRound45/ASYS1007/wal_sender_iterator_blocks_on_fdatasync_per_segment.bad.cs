// A Postgres-style WAL sender's async iterator syncs each finished segment with the blocking fdatasync wrapper before yielding its end LSN.
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus45.WalSenderBad;

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
            if (/*~ASYS1007*/Native.Fdatasync(segment.Fd) is < 0)
            {
                throw new ErrnoException(Marshal.GetLastPInvokeError(), "fdatasync");
            }
            yield return segment.EndLsn;
        }
    }
}
