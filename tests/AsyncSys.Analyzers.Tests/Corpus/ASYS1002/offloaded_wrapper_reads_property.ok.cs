// The flags are a parameter of the wrapper, read by the caller on its own thread.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Locks
{
    [ThreadStatic]
    private static int t_lockFlags;

    internal static int LockFlags => t_lockFlags;

    internal static void UseNonBlocking(bool on) => t_lockFlags = on ? 4 : 0;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int FlockRaw(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int LockExclusive(int fd, int extraFlags) => FlockRaw(fd, 2 | extraFlags);
}
