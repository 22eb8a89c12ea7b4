// A package manager's async install locks each package directory with a blocking lock wrapper (flock(LOCK_EX) on a
// worker via its generated variant is available) inside a foreach: while another process holds a lock, the thread-pool
// thread running the install sleeps in the kernel; with many parallel installs the pool stalls and progress freezes.
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.Blocking.PackageFlockLoop;

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
            /*~ASYS1007*/packageLock.TakeExclusive(0);
            await Task.Delay(1, ct);
        }
    }
}
