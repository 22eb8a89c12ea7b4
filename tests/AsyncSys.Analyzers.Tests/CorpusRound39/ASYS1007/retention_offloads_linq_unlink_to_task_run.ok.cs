// A retention pass that hands the whole synchronous delete loop to Task.Run: the LINQ lambda calling the blocking unlink
// wrapper runs inside that synchronous delegate on the pool thread Task.Run gives it, not in the async method, which
// awaits the result without blocking.
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.Blocking.RetentionTaskRun;

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
        return await Task.Run(() => expiredSegments.Count(path => Libc.Unlink(path) == 0), ct);
    }
}
