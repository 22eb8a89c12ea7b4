using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.InFlight.SwitchOwner;

public enum SourceKind
{
    File,
    Socket,
}

public readonly record struct Source(int Fd, SourceKind Kind);

public sealed class Filler
{
    private readonly IoRing _ring;

    public Filler(IoRing ring) => _ring = ring;

    public ValueTask<int> Fill(Source source, long offset)
    {
        /*~ASYS1005*/using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(8192);   // back in the pool when this returns
        ValueTask<int> op = source.Kind switch
        {
            SourceKind.Socket => _ring.ReceiveAsync(source.Fd, owner.Memory),
            _ => _ring.ReadAsync(source.Fd, owner.Memory, offset),
        };
        return op;
    }
}
