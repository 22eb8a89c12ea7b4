// A transcode job queue journals each job's stage change into an append-only file. It formats the line in a
// [ThreadStatic] StringBuilder taken into a local, awaits the ring write, and clears the builder afterwards to drop the
// text. After the await the method runs on another thread: it clears the first thread's builder, which that thread may be
// filling for another job at that very moment, so that job's journal line comes out truncated or empty.
using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.PerThread.TranscodeJournalBuilder;

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
        long at = Interlocked.Add(ref _offset, bytes.Length) - bytes.Length;
        await ring.WriteAsync(journalFd, bytes, at, ct);
        /*~ASYS1002*/line.Clear();
    }
}
