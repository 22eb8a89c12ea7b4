// A wrapper with a ring opcode is never run on a worker: its [ThreadStatic] use is the caller's.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Libc
{
    [ThreadStatic]
    private static int t_syncs;

    internal static int SyncsOnThisThread => t_syncs;

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FsyncRaw(int fd);

    [AsyncSyscall(RingOp.Fsync)]
    internal static int Fsync(int fd)
    {
        t_syncs++;
        return FsyncRaw(fd);
    }
}
