// The lambda in the field initializer allocates its own small buffer.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal sealed class HeaderProbe
{
    private readonly Func<IoRing, int, Task<bool>> _isElf = async (ring, fd) =>
    {
        byte[] header = new byte[4];
        int n = await ring.ReadAsync(fd, header, 0);
        return n == 4 && header[0] == 0x7F && header[1] == (byte)'E';
    };

    public Task<bool> IsElfAsync(IoRing ring, int fd) => _isElf(ring, fd);
}
