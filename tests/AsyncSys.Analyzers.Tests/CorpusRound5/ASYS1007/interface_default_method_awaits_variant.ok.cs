using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.Blocking.InterfaceDefaultOk;

internal static partial class Libc
{
    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    public static extern int Fdatasync(int fd);
}

internal interface IDurableFile
{
    int Fd { get; }

    async Task FlushAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        await Libc.FdatasyncAsync(Fd, cancellationToken);
    }
}
