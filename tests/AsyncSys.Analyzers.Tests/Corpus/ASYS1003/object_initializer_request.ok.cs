// A fresh request object built with an object initializer in each call is not shared state.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal sealed class LockRequest
{
    public int Fd;
    public int Operation;
    public DateTime StartedAt;
}

internal static partial class Locks
{
    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int FlockRaw(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Lock(int fd, int operation)
    {
        var request = new LockRequest { Fd = fd, Operation = operation, StartedAt = DateTime.UtcNow };
        request.Operation |= 4;
        return FlockRaw(request.Fd, request.Operation);
    }
}
