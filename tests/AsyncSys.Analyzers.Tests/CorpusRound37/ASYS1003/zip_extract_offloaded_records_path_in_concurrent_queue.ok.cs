// The same extraction, the written paths kept in a ConcurrentQueue made for several writers.
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.SharedState.ZipExtractConcurrentQueue;

public static partial class EntryExtractor
{
    private static readonly ConcurrentQueue<string> s_written = new();

    [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
    public static int ExtractEntry(int archiveFd, long entryOffset, string destination)
    {
        s_written.Enqueue(destination);
        return archiveFd + (int)entryOffset;
    }

    public static Task ExtractAllAsync(int archiveFd, IReadOnlyList<(long Offset, string Path)> entries, CancellationToken ct)
    {
        var tasks = new List<Task>();
        foreach (var (offset, path) in entries)
        {
            tasks.Add(ExtractEntryAsync(archiveFd, offset, path, ct).AsTask());
        }

        return Task.WhenAll(tasks);
    }
}
