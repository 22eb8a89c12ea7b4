using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// What held-out round 19 found, on the real kernel: statx declared with <c>[OutputValue] Statx*</c> got a variant taking
/// <c>Memory&lt;byte&gt;</c> (the table's role won over the mark), and getcwd with an <c>nint</c> buffer got one taking
/// <c>Memory&lt;byte&gt;</c>, its length the size, so getcwd(NULL, 4096) could not be asked.
/// </summary>
public sealed class RoundNineteenFixTests : IDisposable
{
    private readonly IoRing _ring = IoRing.Create();
    private readonly string _directory = Directory.CreateTempSubdirectory("asyncsys-round19-").FullName;

    public void Dispose()
    {
        _ring.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Statx_into_a_pointer_marked_OutputValue_returns_the_struct()
    {
        string path = Path.Combine(_directory, "sized.bin");
        File.WriteAllBytes(path, new byte[1234]);

        Statx info = await RoundNineteenCalls.StatxMarkedAsync(_ring, IoRing.AtCurrentDirectory, path, 0, (uint)StatxMask.BasicStats);

        Assert.Equal(1234UL, info.FileSize);
        ErrnoException missing = await Assert.ThrowsAsync<ErrnoException>(async () => await RoundNineteenCalls.StatxMarkedAsync(_ring, IoRing.AtCurrentDirectory, path + "-missing", 0, (uint)StatxMask.BasicStats));
        Assert.Equal(Errno.ENOENT, missing.Errno);
    }

    [Fact]
    public async Task Getcwd_with_an_address_buffer_asks_for_NULL_with_a_size_and_gets_memory_the_caller_frees()
    {
        nint allocated = await RoundNineteenCalls.GetCwdAtAsync(_ring, 0, 4096);
        try
        {
            Assert.Equal(Directory.GetCurrentDirectory(), Marshal.PtrToStringUTF8(allocated));
        }
        finally
        {
            RoundNineteenCalls.Free(allocated);
        }

        ErrnoException small = await Assert.ThrowsAsync<ErrnoException>(async () => await RoundNineteenCalls.GetCwdAtAsync(_ring, 0, 1));
        Assert.Equal(Errno.ERANGE, small.Errno);
    }
}
