using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Blocking.FuseFlockTaskRun;

internal static partial class LockNative
{
    public const int LOCK_SH = 1;
    public const int LOCK_EX = 2;

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    [AsyncSyscall]
    public static extern int Flock(int fd, int operation);
}

/// <summary>
/// The same handler handing the blocking flock to Task.Run in a synchronous lambda, and taking errno inside it, on
/// the thread that made the call. Blocking is that lambda's explicit choice; nothing async calls the wrapper.
/// </summary>
internal sealed class FuseLockHandler
{
    private readonly SemaphoreSlim _perFile = new(1);

    public async Task<int> HandleAsync(int fd, bool exclusive, CancellationToken cancellationToken)
    {
        await _perFile.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(
                () =>
                {
                    int rc = LockNative.Flock(fd, exclusive ? LockNative.LOCK_EX : LockNative.LOCK_SH);
                    return rc < 0 ? -Marshal.GetLastPInvokeError() : 0;
                },
                cancellationToken);
        }
        finally
        {
            _perFile.Release();
        }
    }
}
