// After a compaction writes its output SSTables, the async finish step makes them all durable with the blocking
// fdatasync wrapper given to LINQ's Select as a method group; ToArray runs it right there on the async method's thread,
// one table after another, blocking a pool thread for every sync of a compaction that may emit dozens of tables.
using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.Blocking.CompactionSyncLinq;

internal static class Native
{
    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    internal static extern int Fdatasync(int fd);
}

public static partial class TableFiles
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Sync(int fd) => Native.Fdatasync(fd);
}

public sealed class CompactionFinisher(IoRing ring, int directoryFd)
{
    public async Task FinishAsync(int[] outputFds, CancellationToken ct)
    {
        int[] results = outputFds.Select(/*~ASYS1007*/TableFiles.Sync).ToArray();
        if (results.Any(r => r != 0))
        {
            throw new InvalidOperationException("compaction: an output table failed to sync");
        }

        await ring.FsyncAsync(directoryFd, ct);
    }
}
