// A wrapper with a ring opcode is not run on the worker pool; its counter is the caller's business.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Libc
{
    internal static int Syncs;

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int FDataSyncRaw(int fd);

    [AsyncSyscall(RingOp.Fdatasync)]
    internal static int FDataSync(int fd)
    {
        Syncs++;
        return FDataSyncRaw(fd);
    }
}
