using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Blocking.FuseFlockLocal;

internal static partial class LockNative
{
    public const int LOCK_SH = 1;
    public const int LOCK_EX = 2;

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    [AsyncSyscall]
    public static extern int Flock(int fd, int operation);
}

/// <summary>
/// The flock handler of a FUSE file system: the request loop calls it for each FLOCK request. The work is in an
/// async local function, which blocks a pool thread for as long as another process holds the lock.
/// </summary>
internal sealed class FuseLockHandler
{
    private readonly SemaphoreSlim _perFile = new(1);

    public Task<int> HandleAsync(int fd, bool exclusive, CancellationToken cancellationToken)
    {
        return Run();

        async Task<int> Run()
        {
            await _perFile.WaitAsync(cancellationToken);
            try
            {
                int rc = /*~ASYS1007*/LockNative.Flock(fd, exclusive ? LockNative.LOCK_EX : LockNative.LOCK_SH);
                return rc < 0 ? -Marshal.GetLastPInvokeError() : 0;
            }
            finally
            {
                _perFile.Release();
            }
        }
    }
}
