// An RPC server's snapshot task retries under an exclusive flock; in the catch of its retry loop it unlocks with the blocking flock wrapper before backing off.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Rpc.Snapshots;

internal static partial class Sys
{
    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Flock(int fd, int operation);
}

public sealed class SnapshotTask
{
    private const int LOCK_EX = 2;
    private const int LOCK_UN = 8;

    private readonly int _lockFd;

    public SnapshotTask(int lockFd) => _lockFd = lockFd;

    public async Task<bool> RunAsync(Func<CancellationToken, Task> snapshot, CancellationToken ct)
    {
        for (int attempt = 0; attempt < 3; attempt++)
        {
            await Sys.FlockAsync(_lockFd, LOCK_EX, ct);
            try
            {
                await snapshot(ct);
                await Sys.FlockAsync(_lockFd, LOCK_UN, ct);
                return true;
            }
            catch (IOException) when (!ct.IsCancellationRequested)
            {
                /*~ASYS1007*/Sys.Flock(_lockFd, LOCK_UN);
                await Task.Delay(200 << attempt, ct);
            }
        }

        return false;
    }
}
