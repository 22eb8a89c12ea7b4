using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round3.Data;

public sealed partial class DataFile
{
    private readonly int _fd;
    private readonly Stream _log;

    public DataFile(int fd, Stream log)
    {
        _fd = fd;
        _log = log;
    }

    [LibraryImport("libc", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int fdatasync(int fd);

    public Task<bool> DurableAsync => FlushAndSyncAsync();

    private async Task<bool> FlushAndSyncAsync()
    {
        await _log.FlushAsync();
        return /*~ASYS1007*/fdatasync(_fd) == 0;
    }
}
