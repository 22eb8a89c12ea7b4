// Zip extraction writes each entry with an offloaded wrapper and records the written path in a static List so a
// failed extraction can remove what it wrote. Entries are extracted in parallel: List.Add from several workers corrupts
// the list (lost paths, or an exception from a torn resize) and the cleanup leaves files behind.
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.SharedState.ZipExtractStaticList;

public static partial class EntryExtractor
{
    private static readonly List<string> s_written = new();

    [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
    public static int ExtractEntry(int archiveFd, long entryOffset, string destination)
    {
        /*~ASYS1003*/s_written.Add(destination);
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
