// A copy tool restores file modes at the end with Parallel.ForEachAsync; its async body awaits the ring fsync and then
// calls the blocking fchmod wrapper, holding one of the loop's sixteen pool threads per call (on NFS, a round trip
// each), though FChmodAsync exists beside the wrapper.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round27.Blocking.ParallelFchmod;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int FChmod(int fd, uint mode);
}

public readonly record struct FinishedFile(int Fd, uint Mode);

public static class ModeRestorer
{
    public static Task RestoreAllAsync(IReadOnlyList<FinishedFile> files, CancellationToken ct) =>
        Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (file, token) =>
        {
            await IoRing.Shared.FsyncAsync(file.Fd, token);
            if (/*~ASYS1007*/Native.FChmod(file.Fd, file.Mode) < 0)
            {
                throw new ErrnoException(Marshal.GetLastPInvokeError(), "fchmod");
            }
        });
}
