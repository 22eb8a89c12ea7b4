// The sensor logging daemon made right: it awaits the fsync wrapper's generated variant, which reports failure as an
// ErrnoException captured on the thread that made the call.
using System;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.Blocking.LoggerFsyncAwaited;

internal static partial class Libc
{
    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Fsync(int fd);
}

public sealed class MinuteLogger(IoRing ring, int logFd, Func<double> readTemperature)
{
    private long _offset;

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(ct))
        {
            byte[] line = Encoding.ASCII.GetBytes($"{DateTime.UtcNow:O} {readTemperature():F2}\n");
            await ring.WriteAsync(logFd, line, _offset, ct);
            _offset += line.Length;
            await Libc.FsyncAsync(ring, logFd, ct);
        }
    }
}
