using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Reliability;

/// <summary>
/// Issue 16, item 8: CancelByFd(x) cancelled operations on other descriptors (AIO: 37,666 of 584,879 unrelated
/// reads) because a recycled slot was read with the previous occupant's descriptor.
/// </summary>
public sealed class StaleSlotTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task CancelByFd_ignores_a_slot_whose_new_occupant_is_not_yet_prepared(IoBackend backend)
    {
        using var ring = Backends.Create(backend, capacity: 1);
        using var file = new TempFile(4096);
        using var handle = file.Open();
        int fd = (int)handle.DangerousGetHandle();
        Assert.Equal(4096, await ring.ReadAsync(fd, new byte[4096], 0));

        // The slot's next occupant is admitted but not yet prepared: its Fd field still holds the last one's fd.
        Assert.True(ring.Table.TryRent(out Operations.Operation admitted));
        Assert.Equal(fd, admitted.Fd);

        Assert.Equal(0, ring.CancelByFd(fd));
        Assert.False(admitted.IsCancellationRequested);
        ring.Table.Unadmit(admitted);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task CancelByFd_never_cancels_operations_on_other_descriptors(IoBackend backend)
    {
        using var ring = Backends.Create(backend, capacity: 8);
        using var target = new TempFile(4096);
        using var bystander = new TempFile(4096);
        using var targetHandle = target.Open();
        using var bystanderHandle = bystander.Open();
        int targetFd = (int)targetHandle.DangerousGetHandle();
        int bystanderFd = (int)bystanderHandle.DangerousGetHandle();
        // Runs until enough bystander reads have finished (or a generous cap on a slow, loaded machine): the
        // assertion is about which reads were cancelled, never about how fast they went.
        const long Target = 300;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        long bystanderReads = 0;
        long bystanderCancelled = 0;

        async Task ReadLoop(int fd, bool isBystander)
        {
            var buffer = new byte[512];
            while (!stop.IsCancellationRequested && Interlocked.Read(ref bystanderReads) < Target)
            {
                bool done = await ReliabilityAssert.CompletesOrIsCancelled(ring.ReadAsync(fd, buffer, 0).AsTask());
                if (isBystander)
                {
                    Interlocked.Increment(ref done ? ref bystanderReads : ref bystanderCancelled);
                }
            }
        }

        // A dedicated thread: a busy loop on a pool thread would starve the read loops' continuations.
        var canceller = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                ring.CancelByFd(targetFd);
                Thread.Yield();
            }
        }) { IsBackground = true };
        canceller.Start();
        var loops = Enumerable.Range(0, 8).Select(i => Task.Run(() => ReadLoop(i % 2 == 0 ? targetFd : bystanderFd, i % 2 == 1))).ToList();
        Task all = Task.WhenAll(loops);
        Assert.True(await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(45))) == all, "the read loops did not finish within 45 s (hang)");
        await all;
        stop.Cancel();
        ReliabilityAssert.Joins(canceller, "the CancelByFd loop");

        Assert.True(bystanderReads >= Target, $"only {bystanderReads} bystander reads in 30 s");
        Assert.Equal(0, Interlocked.Read(ref bystanderCancelled));
    }
}
