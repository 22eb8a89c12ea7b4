// The same benchmark stamping the header before it starts the write: while the write runs nothing touches the block, and the harness awaits the returned task before the next iteration stamps it again.
using System;
using System.Buffers.Binary;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus62.BenchmarkStampAfterStartOk;

[AttributeUsage(AttributeTargets.Method)]
internal sealed class BenchmarkAttribute : Attribute { }

[AttributeUsage(AttributeTargets.Method)]
internal sealed class GlobalSetupAttribute : Attribute { }

public class PipelinedWriteBenchmarks
{
    private IoRing _ring = null!;
    private int _fd;
    private byte[] _block = [];
    private long _sequence;

    [GlobalSetup]
    public void Setup()
    {
        _ring = IoRing.Create();
        _fd = 3;
        _block = new byte[4096];
    }

    [Benchmark]
    public Task WriteBlock()
    {
        BinaryPrimitives.WriteInt64LittleEndian(_block, ++_sequence);
        ValueTask write = _ring.WriteAsync(_fd, _block, 0);
        return write.AsTask();
    }
}
