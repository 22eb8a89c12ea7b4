// The offloaded flock wrapper gets every flag from its parameters.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round2;

internal static partial class Locks
{
    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int FlockRaw(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Lock(int fd, bool exclusive, bool nonBlocking) => FlockRaw(fd, exclusive switch
    {
        true => 2 | (nonBlocking ? 4 : 0),
        false => 1,
    });
}
