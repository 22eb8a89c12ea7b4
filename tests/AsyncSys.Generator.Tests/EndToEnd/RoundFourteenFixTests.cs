using System;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// What held-out round 14 found, on the real kernel: a clock_nanosleep wrapper stating ReturnsErrorNumber and a cancel hook
/// (sleep.sleep_until_ordinary_error_number) ended as ErrnoException(EINTR) when its token was cancelled, where a call
/// reporting -1 and errno ends as cancelled. The worker knew a cancelled call only by -1 and errno EINTR, and these calls say
/// EINTR in their result.
/// </summary>
public sealed class RoundFourteenFixTests : IDisposable
{
    private readonly IoRing _ring = IoRing.Create();

    public void Dispose() => _ring.Dispose();

    [Fact]
    public async Task A_wait_that_returns_its_error_number_ends_as_cancelled_when_its_cancel_hook_interrupts_it()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ResultErrorWaits.SleepForAsync(_ring, 30, cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task A_wait_that_returns_minus_errno_ends_as_cancelled_when_its_cancel_hook_interrupts_it()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ResultErrorWaits.SleepForNegativeAsync(_ring, 30, cancel.Token));
    }

    [Fact]
    public async Task EINTR_without_a_cancel_and_other_error_numbers_still_throw_ErrnoException()
    {
        ErrnoException own = await Assert.ThrowsAsync<ErrnoException>(async () => await ResultErrorWaits.ReportAsync(_ring, Errno.EINTR));
        Assert.Equal(Errno.EINTR, own.Errno);
        ErrnoException negative = await Assert.ThrowsAsync<ErrnoException>(async () => await ResultErrorWaits.ReportNegativeAsync(_ring, Errno.EINTR));
        Assert.Equal(Errno.EINTR, negative.Errno);
        ErrnoException invalid = await Assert.ThrowsAsync<ErrnoException>(async () => await ResultErrorWaits.SleepForAsync(_ring, 0, ResultErrorWaits.ClockThreadCpuTime));
        Assert.Equal(Errno.EINVAL, invalid.Errno);
        Assert.Equal(0, await ResultErrorWaits.SleepForAsync(_ring, 0));
    }

    [Fact]
    public async Task Polls_nfds_beside_an_array_counts_pollfds_and_one_past_the_array_is_refused_before_the_call()
    {
        // Two pollfds where the array holds one: the kernel would read and write 8 bytes past it. Counted in bytes (8), the
        // check let it through.
        var one = new PollArrays.PollFd[] { new() { Fd = -1, Events = 1 } };
        ArgumentOutOfRangeException past = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await PollArrays.PollAllAsync(_ring, one, 2, 0));
        Assert.Equal("nfds", past.ParamName);
        Assert.Equal(0, await PollArrays.PollAllAsync(_ring, one, 1, 0));
        var two = new PollArrays.PollFd[] { new() { Fd = -1, Events = 1 }, new() { Fd = HeldOut.HeldOutRun.NotAnOpenFd, Events = 1 } };
        Assert.Equal(1, await PollArrays.PollAllAsync(_ring, two, 2, 0));
        Assert.Equal(0x20, two[1].Revents);
    }
}
