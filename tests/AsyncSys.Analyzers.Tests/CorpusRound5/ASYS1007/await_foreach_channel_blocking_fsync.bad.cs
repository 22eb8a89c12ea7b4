using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.Blocking.ChannelFsync;

internal static partial class Libc
{
    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    public static extern int Fsync(int fd);
}

internal sealed class SyncQueue(ChannelReader<int> dirty)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (int fd in dirty.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (/*~ASYS1007*/Libc.Fsync(fd) < 0)   // holds a pool thread for the whole flush
            {
                throw new ErrnoException(Marshal.GetLastPInvokeError(), "fsync");
            }
        }
    }
}
