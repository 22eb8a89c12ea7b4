// An instance wrapper (offloaded: an ordinary method) called from an async method.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal sealed partial class LockFile(int fd)
{
    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int FlockRaw(int fd, int operation);

    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    public int Lock(int operation) => FlockRaw(fd, operation);
}

internal static class Leader
{
    public static async Task<bool> TryLeadAsync(LockFile file, IoRing ring, CancellationToken cancellationToken)
    {
        await ring.NopAsync(cancellationToken);
        return /*~ASYS1007*/file.Lock(2 | 4) == 0;
    }
}
