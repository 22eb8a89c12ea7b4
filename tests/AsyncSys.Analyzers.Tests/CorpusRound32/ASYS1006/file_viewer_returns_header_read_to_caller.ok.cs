// A file viewer's helper returns the header read's ValueTask to its caller, which awaits it once: passing the task on
// is a hand-off, not a discard.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.Unobserved.ViewerReturnsRead;

public sealed class FileViewer(IoRing ring)
{
    private ValueTask<int> ReadHeaderAsync(int fd, Memory<byte> header) => ring.ReadAsync(fd, header, 0);

    public async Task<bool> IsPngAsync(int fd)
    {
        byte[] header = new byte[8];
        int n = await ReadHeaderAsync(fd, header);
        return n == 8 && header[0] == 0x89 && header[1] == (byte)'P';
    }
}
