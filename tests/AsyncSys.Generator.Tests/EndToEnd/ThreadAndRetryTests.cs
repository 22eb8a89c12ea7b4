using System;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// On the real kernel: a clock_gettime variant answers for the fixed clocks and refuses the calling thread's own; a read
/// that retries on EINTR ends on cancellation when its loop reads IoRing.IsBlockingCallCancellationRequested, and runs
/// on (as ASYS0018 says) when it does not.
/// </summary>
public sealed class ThreadAndRetryTests : IDisposable
{
    private readonly IoRing _ring = IoRing.Create();

    public void Dispose() => _ring.Dispose();

    [Fact]
    public async Task Clock_gettime_answers_for_fixed_clocks_and_refuses_the_calling_threads_cpu_clocks()
    {
        Assert.Equal(0, ThreadAndRetryVariants.ClockGetTime(1, out ClockTime before));
        ClockTime monotonic = (await ThreadAndRetryVariants.ClockGetTimeAsync(_ring, 1)).Time;
        Assert.True(monotonic.Seconds > before.Seconds || (monotonic.Seconds == before.Seconds && monotonic.Nanoseconds >= before.Nanoseconds));

        // The process's CPU-time clock (2) and a clock made for this process by clock_getcpuclockid (pid encoded, not 0)
        // answer the same from any thread of the process.
        Assert.True((await ThreadAndRetryVariants.ClockGetTimeAsync(_ring, 2)).Time.Seconds >= 0);
        int processClock = (~Environment.ProcessId << 3) | 2;
        Assert.True((await ThreadAndRetryVariants.ClockGetTimeAsync(_ring, processClock)).Time.Seconds >= 0);

        foreach (int threadClock in new[] { 3, -2, -3, -4 })
        {
            ArgumentException refused = await Assert.ThrowsAsync<ArgumentException>(async () => await ThreadAndRetryVariants.ClockGetTimeAsync(_ring, threadClock));
            Assert.Equal("clockid", refused.ParamName);
            Assert.Contains("CLOCK_THREAD_CPUTIME_ID (3)", refused.Message, StringComparison.Ordinal);
        }

        ErrnoException unknown = await Assert.ThrowsAsync<ErrnoException>(async () => await ThreadAndRetryVariants.ClockGetTimeAsync(_ring, 12345));
        Assert.Equal(Errno.EINVAL, unknown.Errno);
    }

    [Fact]
    public async Task A_read_retrying_on_EINTR_ends_on_cancellation_when_its_loop_asks_whether_its_call_is_cancelled()
    {
        (int readFd, int writeFd) = Pipe();
        try
        {
            using var cancel = new CancellationTokenSource();
            ValueTask<nint> read = ThreadAndRetryVariants.ReadRetryingUntilCancelledAsync(_ring, readFd, new byte[8], cancel.Token);
            await Task.Delay(100); // let the read start blocking: the interrupt is what must end it
            cancel.Cancel();

            // 10 s is the test's limit, not the call's: the pipe's writer stays open, so only the interrupt ends the read.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            Libc.Close(readFd);
            Libc.Close(writeFd);
        }
    }

    [Fact]
    public async Task A_read_retrying_on_EINTR_whatever_happens_runs_on_after_cancellation_until_its_call_returns()
    {
        (int readFd, int writeFd) = Pipe();
        try
        {
            using var cancel = new CancellationTokenSource();
            Task<nint> read = ThreadAndRetryVariants.ReadRetryingAsync(_ring, readFd, new byte[8], cancel.Token).AsTask();
            await Task.Delay(100);
            cancel.Cancel();
            await Task.Delay(300);
            Assert.False(read.IsCompleted); // interrupted, it made the call again

            // The call returns once there is something to read.
            Assert.Equal(1, WriteOne(writeFd));

            try
            {
                Assert.Equal(1, await read.WaitAsync(TimeSpan.FromSeconds(10)));
            }
            catch (OperationCanceledException)
            {
                // Also right: the token had fired; either way the task ended only when the call returned.
            }
        }
        finally
        {
            Libc.Close(readFd);
            Libc.Close(writeFd);
        }
    }

    private static unsafe nint WriteOne(int fd)
    {
        byte one = 42;
        return Libc.Write(fd, &one, 1);
    }

    private static (int Read, int Write) Pipe()
    {
        Assert.Equal(0, Libc.CreatePipe(Libc.CloseOnExec, out int readFd, out int writeFd));
        return (readFd, writeFd);
    }
}
