using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Observed.SwitchReturn;

public enum FlushKind
{
    None,
    Data,
    Full,
}

public sealed class Journal
{
    private readonly IoRing _ring;
    private readonly int _fd;

    public Journal(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public ValueTask Flush(FlushKind kind) => kind switch
    {
        FlushKind.Data => _ring.FdatasyncAsync(_fd),
        FlushKind.Full => _ring.FsyncAsync(_fd),
        _ => ValueTask.CompletedTask,
    };
}
