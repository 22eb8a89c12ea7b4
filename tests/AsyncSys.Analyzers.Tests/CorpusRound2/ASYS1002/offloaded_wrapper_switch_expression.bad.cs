// An offloaded flock wrapper picks its flags with a switch expression, one arm reading a [ThreadStatic] field.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round2;

internal static partial class Locks
{
    [ThreadStatic]
    private static int t_extraFlags;

    internal static void PreferNonBlocking() => t_extraFlags = 4;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int FlockRaw(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Lock(int fd, bool exclusive) => FlockRaw(fd, exclusive switch
    {
        true => 2 | /*~ASYS1002*/t_extraFlags,
        false => 1,
    });
}
