using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.Observed.PropertyPattern;

internal sealed class TailWriter(IoRing ring, int fd) : IAsyncDisposable
{
    private readonly byte[] _tail = new byte[512];
    private int _tailLength;
    private long _offset;

    public long Written { get; private set; }

    public void Buffer(ReadOnlySpan<byte> data)
    {
        data.CopyTo(_tail.AsSpan(_tailLength));
        _tailLength += data.Length;
    }

    public async ValueTask DisposeAsync()
    {
        ValueTask<int> flush = ring.WriteAtMostAsync(fd, _tail.AsMemory(0, _tailLength), _offset);
        Written += flush is { IsCompletedSuccessfully: true } ? flush.Result : await flush;
        await ring.CloseAsync(fd);
    }
}
