using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace AsyncSys.Runtime.Tests;

/// <summary>ftruncate: an operation added through the one table of operations (docs/contributing.md).</summary>
public sealed class FtruncateTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Ftruncate_cuts_and_extends_the_file(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var file = new TempFile(8192);
        using (SafeFileHandle handle = file.Open())
        {
            await ring.FtruncateAsync(handle, 100);
            Assert.Equal(100, RandomAccess.GetLength(handle));

            await ring.FtruncateAsync(handle.DangerousGetHandle().ToInt32(), 5000);
            Assert.Equal(5000, RandomAccess.GetLength(handle));
        }

        byte[] content = File.ReadAllBytes(file.Path);
        Assert.Equal(file.Content.AsSpan(0, 100).ToArray(), content.AsSpan(0, 100).ToArray());
        Assert.All(content.AsSpan(100).ToArray(), b => Assert.Equal(0, b)); // extended with zeros
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Ftruncate_of_a_read_only_descriptor_names_ftruncate_and_EINVAL(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var file = new TempFile(4096);
        using SafeFileHandle readOnly = file.Open(FileAccess.Read);

        var error = await Assert.ThrowsAsync<ErrnoException>(async () => await ring.FtruncateAsync(readOnly, 10));

        Assert.Equal(("ftruncate", Errno.EINVAL), (error.Syscall, error.Errno));
        Assert.Equal(4096, new FileInfo(file.Path).Length);
    }

    [Fact]
    public void Negative_length_is_rejected_before_the_kernel()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RingRequest.Ftruncate(0, -1));
        Assert.Equal("length", error.ParamName);
    }

    [Fact]
    public void On_a_kernel_with_IORING_OP_FTRUNCATE_it_runs_on_the_ring()
    {
        using var ring = Backends.Create(IoBackend.IoUring);
        Assert.Equal(IoBackend.IoUring, ring.Backend);

        // The probe decides at run time; this only states what the probe must say on kernels known to have the opcode (6.9+).
        bool kernelHasOpcode = Environment.OSVersion.Version >= new Version(6, 9);
        Assert.Equal(kernelHasOpcode, ring.IsNative(RingOp.Ftruncate));
    }
}
