// An export CLI command writes one file per partition with Parallel.ForEachAsync; the async body writes through the
// ring but makes each file durable with the blocking fsync wrapper. Every body holds a pool thread for the whole fsync
// (seconds on a busy disk), so the parallel loop and the progress reporter starve.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.Blocking.ExportBlockingFsync;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(int fd);
}

public sealed record Partition(int Fd, ReadOnlyMemory<byte> Content);

public sealed class ExportCommand(IoRing ring, IProgress<int> progress)
{
    public async Task RunAsync(IReadOnlyList<Partition> partitions, CancellationToken ct)
    {
        int done = 0;
        await Parallel.ForEachAsync(partitions, ct, async (partition, token) =>
        {
            await ring.WriteAsync(partition.Fd, partition.Content, 0, token).ConfigureAwait(false);
            /*~ASYS1007*/Native.Fsync(partition.Fd);
            progress.Report(Interlocked.Increment(ref done));
        });
    }
}
