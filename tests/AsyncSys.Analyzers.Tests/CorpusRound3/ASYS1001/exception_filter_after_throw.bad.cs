using System.IO;
using System.Runtime.InteropServices;

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
                throw new IOException("fsync of the journal failed");
            }
        }
        catch (IOException) when (/*~ASYS1001*/Marshal.GetLastPInvokeError() == ENOSPC)
        {
            // the exception's construction and the throw ran between the fsync and this read
            DiskFull = true;
        }
    }
}
