// A sensor logging daemon writes each minute's readings with the ring and then makes them durable with its blocking
// fsync wrapper, inside the async loop. On an SD card an fsync can take seconds; each one holds a pool thread, and the
// daemon's other sensor loops and its health endpoint stall behind it.
using System;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.Blocking.LoggerFsync;

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
            if (/*~ASYS1007*/Libc.Fsync(logFd) < 0)
            {
                throw new ErrnoException(Marshal.GetLastPInvokeError(), "fsync");
            }
        }
    }
}
