using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round3.Pairs;

public sealed class PairReader
{
    private readonly IoRing _ring;

    public PairReader(IoRing ring) => _ring = ring;

    public async ValueTask<int> ReadPairAsync(int fd, Memory<byte> first, Memory<byte> second)
    {
        ValueTask<int> a = _ring.ReadAsync(fd, first, 0);
        ValueTask<int> b = _ring.ReadAsync(fd, second, first.Length);
        await Task.WhenAll(a.AsTask(), b.AsTask());
        return /*~ASYS1006*/await a + /*~ASYS1006*/await b;   // AsTask consumed each already
    }
}
