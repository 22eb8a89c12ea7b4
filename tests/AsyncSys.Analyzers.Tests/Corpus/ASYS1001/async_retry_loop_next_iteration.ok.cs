// The errno test follows the failed call, before the awaited delay.
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
        for (int attempt = 0; attempt < 5; attempt++)
        {
            if (Sys.MkFifo(path, 0x180) == 0)
            {
                return;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
            {
                throw new ErrnoException(errno, "mkfifo", path);
            }

            await Task.Delay(10, cancellationToken);
        }
    }
}
