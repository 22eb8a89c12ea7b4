// A BenchmarkDotNet benchmark measures pipelined ring writes. [GlobalSetup] allocates one block that every iteration reuses. The benchmark method starts the write of the block, then stamps the next sequence number into the block's header before handing the task back to the harness: the kernel may still be copying the block, so the file gets a header from the next iteration (and the measured bytes are not the ones written).
using System;
using System.Buffers.Binary;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus62.BenchmarkStampAfterStartBad;

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
        ValueTask write = _ring.WriteAsync(_fd, _block, 0);
        /*~ASYS1005*/BinaryPrimitives.WriteInt64LittleEndian(_block, ++_sequence);
        return write.AsTask();
    }
}
