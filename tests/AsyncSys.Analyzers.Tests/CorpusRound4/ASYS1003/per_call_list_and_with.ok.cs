using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round4.Shared.PerCall;

public sealed record LockRequest(int Fd, int Operation, bool Blocking);

public sealed partial class LockClient
{
    private const int LOCK_NB = 4;
    private readonly LockRequest _template = new(-1, 2, true);

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int flock_raw(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Lock(int fd, bool blocking)
    {
        LockRequest request = _template with { Fd = fd, Blocking = blocking };   // a copy per call
        var steps = new List<string> { "start" };                               // a list per call
        int operation = request.Blocking ? request.Operation : request.Operation | LOCK_NB;
        steps.Add("flock");
        return flock_raw(request.Fd, operation);
    }
}
