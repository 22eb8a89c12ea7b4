using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.PerThread.TenantPassedIn;

/// <summary>The caller reads its per-thread tenant and passes it; the worker reads only its arguments.</summary>
internal static partial class TenantFiles
{
    [ThreadStatic]
    private static int t_tenantUid;

    public static int TenantUid => t_tenantUid;

    public static void EnterTenant(int uid) => t_tenantUid = uid;

    [DllImport("libc", SetLastError = true)]
    private static extern int fchown(int fd, int owner, int group);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int ClaimFile(int fd, int owner, int group) => fchown(fd, owner, group);
}

internal sealed class UploadFinisher
{
    public async Task FinishAsync(int fd, int tenantUid, CancellationToken cancellationToken)
    {
        TenantFiles.EnterTenant(tenantUid);
        await TenantFiles.ClaimFileAsync(fd, TenantFiles.TenantUid, 100, cancellationToken);
    }
}
