// The same scheduler awaiting the generated variant of the timerfd wait: the thread goes back to the pool while the
// timer runs.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round17.Blocking.BackupTimerfdVariant;

internal static class Native
{
    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static extern nint Read(int fd, byte[] buffer, nint count);
}

public static partial class Timers
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint WaitExpiry(int timerFd, byte[] expirations) => Native.Read(timerFd, expirations, 8);
}

public sealed class BackupScheduler(int timerFd, System.Func<CancellationToken, Task> runBackup)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var expirations = new byte[8];
        while (!ct.IsCancellationRequested)
        {
            await Timers.WaitExpiryAsync(timerFd, expirations, ct);
            await runBackup(ct);
        }
    }
}
