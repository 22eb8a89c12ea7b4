using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.PerThread.TenantChown;

/// <summary>
/// An upload service hands finished files to the tenant's uid. The tenant is set per thread by the request
/// pipeline; fchown has no ring opcode, so the wrapper below runs on an AsyncSys worker.
/// </summary>
internal static partial class TenantFiles
{
    [ThreadStatic]
    private static int t_tenantUid;

    private static int TenantUid => t_tenantUid;

    public static void EnterTenant(int uid) => t_tenantUid = uid;

    [DllImport("libc", SetLastError = true)]
    private static extern int fchown(int fd, int owner, int group);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int ClaimFile(int fd, int group) => fchown(fd, /*~ASYS1002*/TenantUid, group);   // the worker's uid: 0, root
}

internal sealed class UploadFinisher
{
    public async Task FinishAsync(int fd, int tenantUid, CancellationToken cancellationToken)
    {
        TenantFiles.EnterTenant(tenantUid);
        await TenantFiles.ClaimFileAsync(fd, 100, cancellationToken);
    }
}
