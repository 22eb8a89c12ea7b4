// An async retry: the errno test at the top of the next iteration follows the awaited delay.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static partial class Sys
{
    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MkFifo(string path, uint mode);
}

internal static class Fifo
{
    public static async Task CreateAsync(string path, CancellationToken cancellationToken)
    {
        int result = 0;
        for (int attempt = 0; attempt < 5; attempt++)
        {
            if (attempt > 0 && /*~ASYS1001*/Marshal.GetLastPInvokeError() != Errno.EINTR)
            {
                throw new ErrnoException(Errno.EIO, "mkfifo", path);
            }

            result = Sys.MkFifo(path, 0x180);
            if (result == 0)
            {
                return;
            }

            await Task.Delay(10, cancellationToken);
        }
    }
}
