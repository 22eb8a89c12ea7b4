// An async retention pass makes the index directory durable and then deletes the expired segment files, counting the
// deletions with LINQ's Count and a lambda that calls the blocking unlink wrapper. Count runs the lambda right there, in
// the async method, so each unlink of a large segment (which frees its extents synchronously) blocks a pool thread.
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.Blocking.RetentionLinqUnlink;

internal static partial class Libc
{
    [DllImport("libc", EntryPoint = "unlink", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Unlink(string path);
}

public sealed class RetentionPass(IoRing ring)
{
    public async Task<int> RunAsync(IReadOnlyList<string> expiredSegments, int indexDirFd, CancellationToken ct)
    {
        await ring.FsyncAsync(indexDirFd, ct);
        int deleted = expiredSegments.Count(path => /*~ASYS1007*/Libc.Unlink(path) == 0);
        return deleted;
    }
}
