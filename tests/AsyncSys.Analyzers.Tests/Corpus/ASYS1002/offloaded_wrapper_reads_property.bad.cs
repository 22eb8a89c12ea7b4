// An offloaded wrapper reads per-thread state through a property: it runs on an AsyncSys worker.
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
    internal static int LockExclusive(int fd) => FlockRaw(fd, 2 | /*~ASYS1002*/LockFlags);
}
