// The transcode journal made right: the [ThreadStatic] builder is used and cleared only before the await; the ring write
// gets a byte array of its own, and nothing per-thread is touched after it.
using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.PerThread.TranscodeJournalBuilderBefore;

public sealed class TranscodeJournal(IoRing ring, int journalFd)
{
    [ThreadStatic]
    private static StringBuilder? t_line;

    private long _offset;

    public async Task RecordAsync(string jobId, string stage, CancellationToken ct)
    {
        StringBuilder line = t_line ??= new StringBuilder(256);
        line.Clear().Append(jobId).Append(' ').Append(stage).Append('\n');
        byte[] bytes = Encoding.UTF8.GetBytes(line.ToString());
        line.Clear();
        long at = Interlocked.Add(ref _offset, bytes.Length) - bytes.Length;
        await ring.WriteAsync(journalFd, bytes, at, ct);
    }
}
