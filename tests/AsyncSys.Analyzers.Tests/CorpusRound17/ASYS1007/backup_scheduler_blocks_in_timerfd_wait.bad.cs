// A backup agent's scheduler waits for its next slot on a timerfd with a blocking read wrapper, inside an async loop
// that also awaits the backup itself. Each wait holds a thread-pool thread for up to an hour; with a few schedules the
// pool starves and the agent's health endpoint and uploads stall.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round17.Blocking.BackupTimerfdWait;

internal static class Native
{
    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static extern nint Read(int fd, byte[] buffer, nint count);
}

public static partial class Timers
{
    // Blocks until the timerfd expires; returns the 8-byte expiration count's size or -1 with errno.
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
            /*~ASYS1007*/Timers.WaitExpiry(timerFd, expirations);
            await runBackup(ct);
        }
    }
}
