// A lock file's synchronous Dispose releases the lock with the blocking wrapper: not async code, nothing to await.
using System;
using AsyncSys;

namespace Round37.Blocking.LockFileDispose;

public sealed partial class LockFile(int fd) : IDisposable
{
    [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
    public int Unlock(int flags) => fd + flags;

    public void Dispose() => Unlock(0);
}
