// A synchronous callback queued to the thread pool from async code; the blocking call runs there on purpose.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int FDataSync(int fd);
}

internal static class Background
{
    public static async Task ScheduleAsync(IoRing ring, int fd, CancellationToken cancellationToken)
    {
        await ring.NopAsync(cancellationToken);
        ThreadPool.QueueUserWorkItem(static state => Libc.FDataSync(state), fd, preferLocal: false);
    }
}
