using System;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>Stubs: ordinary methods that state a ring operation and whose body only throws (the documented idiom).</summary>
public static partial class StubWrappers
{
    [AsyncSyscall(RingOp.Fsync)]
    public static int Fsync(int fd) => throw new NotImplementedException();

    [AsyncSyscall(RingOp.Fsync)]
    public static int FsyncChecked(int fd)
    {
        throw new NotSupportedException("use FsyncCheckedAsync");
    }
}

/// <summary>
/// A stub's body is not the call, so its variant never runs it: an argument the ring request refuses throws the
/// request's exception (naming the argument), never the stub's NotImplementedException; a valid one goes to the ring.
/// </summary>
public sealed class StubWrapperTests : IDisposable
{
    private readonly IoRing _ring = IoRing.Create();

    public void Dispose() => _ring.Dispose();

    [Fact]
    public async Task A_stub_is_never_run_for_arguments_the_ring_refuses()
    {
        ArgumentOutOfRangeException expression = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await StubWrappers.FsyncAsync(_ring, -1));
        Assert.Equal("fd", expression.ParamName);
        ArgumentOutOfRangeException block = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await StubWrappers.FsyncCheckedAsync(_ring, -1));
        Assert.Equal("fd", block.ParamName);
    }

    [Fact]
    public async Task A_stub_with_a_valid_descriptor_runs_on_the_ring()
    {
        string path = System.IO.Path.GetTempFileName();
        try
        {
            using Microsoft.Win32.SafeHandles.SafeFileHandle file = System.IO.File.OpenHandle(path, System.IO.FileMode.Open, System.IO.FileAccess.ReadWrite);
            Assert.Equal(0, await StubWrappers.FsyncAsync(_ring, (int)file.DangerousGetHandle()));
            ErrnoException closed = await Assert.ThrowsAsync<ErrnoException>(async () => await StubWrappers.FsyncAsync(_ring, 999_999));
            Assert.Equal(Errno.EBADF, closed.Errno);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
