// A journal append retries on EINTR inside a loop with an exception filter, starting a fresh write on every attempt and awaiting each once.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Broker.Journal;

public sealed class JournalAppender
{
    private const int EINTR = 4;

    private readonly IoRing _ring;
    private readonly int _fd;

    public JournalAppender(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public async Task<int> AppendAsync(ReadOnlyMemory<byte> record, long offset, CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            ValueTask<int> write = _ring.WriteAtMostAsync(_fd, record, offset, ct);
            try
            {
                return await write;
            }
            catch (ErrnoException e) when (e.Errno == EINTR && attempt < 3)
            {
                await Task.Delay(5 << attempt, ct);
            }
        }
    }
}
