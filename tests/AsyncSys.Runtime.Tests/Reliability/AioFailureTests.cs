using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Backends.LinuxAio;

namespace AsyncSys.Runtime.Tests.Reliability;

/// <summary>
/// When the AIO completion thread fails for good, the operations on the ring fail with its errno only after
/// the kernel has let go of their buffers: the context is destroyed (io_destroy waits for every request it
/// held) before anything is unpinned.
/// </summary>
// Alone: after io_destroy the address of its ring mapping can be taken at once by another test's new AIO context.
[Collection(RunsAlone.Name)]
public sealed class AioFailureTests
{
    [Fact]
    public async Task A_failed_AIO_context_is_destroyed_before_its_operations_are_failed()
    {
        using var ring = IoRing.Create(new IoRingOptions { Backend = IoBackend.LinuxAio, Name = "aio-fail" });
        var backend = (LinuxAioBackend)ring.RingBackend;
        Assert.True(backend.PollOnRing, "this kernel has no IOCB_CMD_POLL to hold an iocb in the kernel");
        using var pipe = new Pipe();
        string mapping = backend.Context.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "-";
        Assert.Contains(File.ReadAllLines("/proc/self/maps"), l => l.StartsWith(mapping, StringComparison.Ordinal));

        Task<PollEvents> inKernel = ring.PollAsync(pipe.ReadFd, PollEvents.In).AsTask();
        await Task.Delay(50);
        Assert.False(inKernel.IsCompleted);
        backend.InjectFailure(Errno.EIO);

        var error = await Assert.ThrowsAsync<ErrnoException>(() => inKernel.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(Errno.EIO, error.Errno);
        Assert.DoesNotContain(File.ReadAllLines("/proc/self/maps"), l => l.StartsWith(mapping, StringComparison.Ordinal));

        // Later operations run on workers, and the bytes are right.
        pipe.Write(new byte[] { 5, 6 });
        var buffer = new byte[8];
        Assert.Equal(2, await ring.ReadAsync(pipe.ReadFd, buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(new byte[] { 5, 6 }, buffer.Take(2).ToArray());
    }
}
