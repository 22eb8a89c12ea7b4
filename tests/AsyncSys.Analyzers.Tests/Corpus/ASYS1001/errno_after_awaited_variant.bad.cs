// After awaiting the generated variant the code asks the thread for errno instead of the exception.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(int fd);
}

internal static class Checkpoint
{
    public static async Task<bool> TryFlushAsync(int fd, CancellationToken cancellationToken)
    {
        try
        {
            await Libc.FsyncAsync(fd, cancellationToken);
            return true;
        }
        catch (ErrnoException)
        {
            Console.Error.WriteLine("fsync failed: " + /*~ASYS1001*/Marshal.GetLastPInvokeError());
            return false;
        }
    }
}
