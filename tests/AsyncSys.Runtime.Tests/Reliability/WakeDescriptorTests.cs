using System;
using System.IO;
using System.Threading.Tasks;
using AsyncSys.Backends.IoUring;
using AsyncSys.Backends.LinuxAio;

namespace AsyncSys.Runtime.Tests.Reliability;

/// <summary>
/// Issue 16, item 15: a stray close() of the ring's wake eventfd, its number then reused by a file, made the ring
/// write its wake-ups into that file and then stop completing.
/// </summary>
public sealed class WakeDescriptorTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Io_uring_never_writes_into_the_file_that_took_over_its_wake_eventfd_and_keeps_completing(bool timedWaits)
    {
        // Without its wake descriptor the ring thread polls: in io_uring_enter with a timeout where the kernel has
        // timed waits (IORING_ENTER_EXT_ARG), else by sleeping between polls.
        var ring = IoRing.Create(new IoRingOptions
        {
            Backend = IoBackend.IoUring,
            TryNonBlockingFirst = false,
            KernelFeatures = timedWaits ? IoUringKernelFeatures.Default : IoUringKernelFeatures.Default & ~IoUringKernelFeatures.ExtArgWait,
        });
        var backend = Assert.IsType<IoUringBackend>(ring.RingBackend);
        Assert.Equal(timedWaits, (backend.KernelFeatures & IoUringKernelFeatures.ExtArgWait) != 0);
        using var victim = new TempFile();
        using var victimHandle = victim.Open();

        // dup2 is the stray close and the reuse in one step: the number now names the victim file.
        int number = backend.WakeDescriptor;
        Assert.Equal(number, TestLibc.dup2((int)victimHandle.DangerousGetHandle(), number));
        try
        {
            for (int i = 0; i < 20; i++)
            {
                await Task.Delay(10); // the ring thread goes to sleep: the next submission must wake it
                await ReliabilityAssert.Within(ring.NopAsync().AsTask(), "a Nop after the wake eventfd was lost");
            }

            Assert.True(backend.WakeDescriptorLost);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            ring.Dispose();
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Dispose took {clock.Elapsed}");
            Assert.Empty(ring.Abandoned);
            Assert.Equal(0, new FileInfo(victim.Path).Length); // not one wake-up written into the victim
            Assert.True(TestLibc.Names(number, victimHandle), "the ring closed the number that now belongs to the victim");
        }
        finally
        {
            // Only while it is still the victim's: had the ring closed it, the number may be another test's by now.
            TestLibc.CloseIfStill(number, victimHandle);
        }
    }

    [Fact]
    public async Task Linux_aio_never_writes_into_the_file_that_took_over_its_wake_eventfd_and_still_stops()
    {
        var ring = Backends.Create(IoBackend.LinuxAio);
        var backend = Assert.IsType<LinuxAioBackend>(ring.RingBackend);
        using var victim = new TempFile();
        using var victimHandle = victim.Open();
        using var file = new TempFile(4096);
        using var handle = file.Open();

        int number = backend.WakeDescriptor;
        Assert.Equal(number, TestLibc.dup2((int)victimHandle.DangerousGetHandle(), number));
        try
        {
            var buffer = new byte[4096];
            for (int i = 0; i < 10; i++)
            {
                await ReliabilityAssert.Within(ring.ReadAsync(handle, buffer, 0).AsTask(), "a read after the wake eventfd was lost");
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            ring.Dispose();
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Dispose took {clock.Elapsed}");
            Assert.Empty(ring.Abandoned);
            Assert.Equal(0, new FileInfo(victim.Path).Length);
            Assert.True(TestLibc.Names(number, victimHandle), "the ring closed the number that now belongs to the victim");
        }
        finally
        {
            // Only while it is still the victim's: had the ring closed it, the number may be another test's by now.
            TestLibc.CloseIfStill(number, victimHandle);
        }
    }
}
