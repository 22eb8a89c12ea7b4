// The same export CLI command, written right: the parallel body awaits the generated FsyncAsync with the loop's token.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.Blocking.ExportFsyncAsync;

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
            await Native.FsyncAsync(partition.Fd, token).ConfigureAwait(false);
            progress.Report(Interlocked.Increment(ref done));
        });
    }
}
