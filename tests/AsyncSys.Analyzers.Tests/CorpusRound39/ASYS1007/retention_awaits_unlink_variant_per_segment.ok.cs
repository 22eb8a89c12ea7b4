// The same retention pass awaiting the unlink wrapper's generated variant for each expired segment; a segment already
// gone (ENOENT) is not counted.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.Blocking.RetentionUnlinkVariant;

internal static partial class Libc
{
    [DllImport("libc", EntryPoint = "unlink", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Unlink(string path);
}

public sealed class RetentionPass(IoRing ring)
{
    private const int ENoEnt = 2;

    public async Task<int> RunAsync(IReadOnlyList<string> expiredSegments, int indexDirFd, CancellationToken ct)
    {
        await ring.FsyncAsync(indexDirFd, ct);
        int deleted = 0;
        foreach (string path in expiredSegments)
        {
            try
            {
                await Libc.UnlinkAsync(ring, path, ct);
                deleted++;
            }
            catch (ErrnoException e) when (e.Errno == ENoEnt)
            {
            }
        }

        return deleted;
    }
}
