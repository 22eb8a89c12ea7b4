using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Observed.SyncOverAsync;

// A synchronous facade kept for old callers.
public sealed class BlockFile
{
    private readonly IoRing _ring;
    private readonly int _fd;

    public BlockFile(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public int ReadBlock(long offset, byte[] buffer) =>
        /*~ASYS1006*/_ring.ReadAsync(_fd, buffer, offset).GetAwaiter().GetResult();

    public ValueTask<int> ReadBlockAsync(long offset, byte[] buffer) => _ring.ReadAsync(_fd, buffer, offset);
}
