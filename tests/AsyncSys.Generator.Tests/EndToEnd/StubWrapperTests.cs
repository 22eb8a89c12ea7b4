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

/// <summary>An ordinary method with a real body, placed on the ring by its RingOp, whose ring form drops the span's count.</summary>
public static unsafe partial class OrdinaryRingWrappers
{
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    private static extern nint PWrite(int fd, byte* buffer, nuint count, long offset);

    [AsyncSyscall(RingOp.Write)]
    public static nint WriteAt(int fd, ReadOnlySpan<byte> data, nuint count, long offset)
    {
        fixed (byte* p = data)
        {
            return PWrite(fd, p, count, offset);
        }
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

    // The body is the call (pwrite by its RingOp, whatever the method's name): arguments the ring refuses run it, with the
    // span's count given back, so a negative descriptor is the kernel's EBADF, as the synchronous call says.
    [Fact]
    public async Task An_ordinary_method_whose_ring_form_drops_the_count_runs_its_body_for_a_refused_descriptor()
    {
        byte[] data = { 1, 2, 3 };
        Assert.Equal(-1, OrdinaryRingWrappers.WriteAt(-1, data, 3, 0));
        int syncErrno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(async () => await OrdinaryRingWrappers.WriteAtAsync(_ring, -1, data, 0));
        Assert.Equal(Errno.EBADF, syncErrno);
        Assert.Equal(syncErrno, error.Errno);
    }
}
