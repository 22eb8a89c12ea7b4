// The same setup synchronous, as BenchmarkDotNet allows: a plain void [GlobalSetup] may block on the fallocate wrapper, since it is no async method holding a pool thread hostage.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus62.AsyncGlobalSetupFallocateOk;

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
    public void Prepare()
    {
        if (BenchNative.Fallocate(_fd, 0, 4096, 1L << 30) < 0)
        {
            throw new IOException("fallocate failed, errno " + Marshal.GetLastPInvokeError());
        }
    }

    [Benchmark]
    public async Task<int> ReadBlock() => await _ring.ReadAsync(_fd, _block, 1L << 20);
}
