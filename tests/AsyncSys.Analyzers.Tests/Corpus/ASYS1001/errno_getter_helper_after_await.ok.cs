// errno read through a getter block helper before the await that logs the failed fsync.
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static partial class Posix
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    internal static partial int FSync(int fd);

    public static int LastError
    {
        get { return Marshal.GetLastWin32Error(); }
    }
}

internal sealed class Journal(TextWriter log)
{
    public async Task FlushAsync(int fd)
    {
        int result = Posix.FSync(fd);
        if (result != 0)
        {
            int errno = Posix.LastError;
            await log.WriteLineAsync("fsync failed on " + fd);
            throw new ErrnoException(errno, "fsync");
        }
    }
}
