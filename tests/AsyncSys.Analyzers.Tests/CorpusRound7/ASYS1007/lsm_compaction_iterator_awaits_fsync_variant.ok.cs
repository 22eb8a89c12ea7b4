using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round7.Blocking.LsmIteratorOk;

internal static partial class TableNative
{
    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    public static extern int Fsync(int fd);
}

/// <summary>An LSM compaction yields each output table once it is durable, awaiting the flush.</summary>
internal sealed class CompactionOutput(IoRing ring)
{
    public async IAsyncEnumerable<int> SealAsync(IReadOnlyList<(int Fd, byte[] Block)> tables, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach ((int fd, byte[] block) in tables)
        {
            await ring.WriteAsync(fd, block, 0, cancellationToken);
            await TableNative.FsyncAsync(fd, cancellationToken);
            yield return fd;
        }
    }
}
