using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// What held-out round 12 found, on the real kernel: a read into a Span&lt;ulong&gt; got the span's element count (1) as
/// its byte count, which an eventfd refuses (EINVAL) and any other descriptor answers with a short read.
/// </summary>
public sealed class RoundTwelveFixTests : System.IDisposable
{
    private const int NonBlockingCloseOnExec = 0x800 | 0x80000;
    private readonly IoRing _ring = IoRing.Create();

    public void Dispose() => _ring.Dispose();

    [Fact]
    public async Task An_eventfd_counter_is_written_and_read_through_spans_of_ulong_with_counts_in_bytes()
    {
        using var counter = new SafeFileHandle(CounterSpanVariants.EventFd(0, NonBlockingCloseOnExec), ownsHandle: true);
        Assert.False(counter.IsInvalid);

        Assert.Equal(8, await CounterSpanVariants.WriteCounterAsync(_ring, counter, new ulong[] { 5 }));
        Assert.Equal(8, await CounterSpanVariants.WriteCounterAsync(_ring, counter, new ulong[] { 2 }));

        ulong[] value = new ulong[1];
        Assert.Equal(8, await CounterSpanVariants.ReadCounterAsync(_ring, counter, value));
        Assert.Equal(7UL, value[0]);

        // Read again: the counter is 0 and the descriptor non-blocking, as the synchronous call answers.
        ErrnoException empty = await Assert.ThrowsAsync<ErrnoException>(async () => await CounterSpanVariants.ReadCounterAsync(_ring, counter, value));
        Assert.Equal(Errno.EAGAIN, empty.Errno);
    }
}
