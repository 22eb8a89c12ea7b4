using System.Runtime.InteropServices;
using AsyncSys;

namespace Round3.Journal;

static partial class Native
{
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int fsync(int fd);
}

sealed class JournalFile
{
    private const int ENOSPC = 28;
    private readonly int _fd;

    public JournalFile(int fd) => _fd = fd;

    public bool DiskFull { get; private set; }

    public void Commit()
    {
        try
        {
            if (Native.fsync(_fd) < 0)
            {
                // the argument is evaluated before the constructor runs: right after the fsync
                throw new ErrnoException(Marshal.GetLastPInvokeError(), "fsync");
            }
        }
        catch (ErrnoException e) when (e.Errno == ENOSPC)
        {
            DiskFull = true;
        }
    }
}
