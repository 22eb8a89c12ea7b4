// The async body of Parallel.ForEachAsync truncates each file with the blocking wrapper.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int FTruncate(int fd, long length);
}

internal static class Retention
{
    public static Task ResetAllAsync(IoRing ring, IEnumerable<int> segments, CancellationToken cancellationToken)
    {
        return Parallel.ForEachAsync(segments, cancellationToken, async (fd, token) =>
        {
            /*~ASYS1007*/Libc.FTruncate(fd, 0);
            await ring.FsyncAsync(fd, token);
        });
    }
}
