// The same install awaiting the generated variant of the lock wrapper.
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.Blocking.PackageFlockLoopAsync;

public sealed partial class PackageLock(int fd)
{
    [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
    public int TakeExclusive(int flags) => fd + flags;
}

public sealed class Installer
{
    public async Task InstallAsync(IReadOnlyList<PackageLock> locks, CancellationToken ct)
    {
        foreach (PackageLock packageLock in locks)
        {
            await packageLock.TakeExclusiveAsync(0, ct);
            await Task.Delay(1, ct);
        }
    }
}
