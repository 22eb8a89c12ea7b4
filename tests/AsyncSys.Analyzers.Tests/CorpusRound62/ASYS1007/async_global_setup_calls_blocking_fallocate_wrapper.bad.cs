// A BenchmarkDotNet class prepares its data file in an async [GlobalSetup]: it writes the seed block with the ring and then preallocates the rest with the generated fallocate wrapper's synchronous form. The setup runs on a pool thread that blocks for the whole preallocation of a large file, though the wrapper has an awaitable variant.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus62.AsyncGlobalSetupFallocateBad;

[AttributeUsage(AttributeTargets.Method)]
internal sealed class GlobalSetupAttribute : Attribute { }

[AttributeUsage(AttributeTargets.Method)]
internal sealed class BenchmarkAttribute : Attribute { }

internal static partial class BenchNative
{
    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fallocate(int fd, int mode, long offset, long length);
}

public class RandomReadBenchmarks
{
    private readonly IoRing _ring = IoRing.Create();
    private readonly int _fd = 3;
    private readonly byte[] _block = new byte[4096];

    [GlobalSetup]
    public async Task PrepareAsync()
    {
        await _ring.WriteAsync(_fd, new byte[4096], 0);
        if (/*~ASYS1007*/BenchNative.Fallocate(_fd, 0, 4096, 1L << 30) < 0)
        {
            throw new IOException("fallocate failed, errno " + Marshal.GetLastPInvokeError());
        }
    }

    [Benchmark]
    public async Task<int> ReadBlock() => await _ring.ReadAsync(_fd, _block, 1L << 20);
}
