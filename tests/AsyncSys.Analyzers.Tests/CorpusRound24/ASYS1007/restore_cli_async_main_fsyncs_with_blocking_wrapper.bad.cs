// A restore CLI's async Main restores the archive with the ring and then makes the result durable with the blocking
// fsync wrapper, whose generated variant exists. On a large file on slow storage the fsync holds a thread-pool thread
// for seconds while the CLI's progress and cancellation handlers, also on the pool, cannot run.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.Blocking.RestoreCliFsync;

internal static partial class Native
{
    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    internal static extern int Open(string path, int flags, int mode);
}

public static class RestoreCli
{
    public static async Task<int> Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        int fd = Native.Open(args[0], 0x41 /* O_WRONLY | O_CREAT */, 420);
        if (fd < 0)
        {
            return 2;
        }

        await IoRing.Shared.WriteAsync(fd, new byte[4096], 0, cts.Token);
        if (/*~ASYS1007*/Native.Fsync(fd) < 0)
        {
            return 1;
        }

        await IoRing.Shared.CloseAsync(fd, cts.Token);
        return 0;
    }
}
