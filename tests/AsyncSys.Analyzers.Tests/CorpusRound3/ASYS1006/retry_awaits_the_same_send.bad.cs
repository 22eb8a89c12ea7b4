using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round3.Retry;

public sealed class Sender
{
    private const int EINTR = 4;
    private readonly IoRing _ring;

    public Sender(IoRing ring) => _ring = ring;

    public async ValueTask<int> SendWithRetryAsync(int fd, ReadOnlyMemory<byte> data)
    {
        ValueTask<int> send = _ring.SendAsync(fd, data);
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return /*~ASYS1006*/await send;   // a retry awaits the same, already consumed, ValueTask
            }
            catch (ErrnoException e) when (e.Errno == EINTR && attempt < 3)
            {
            }
        }
    }
}
