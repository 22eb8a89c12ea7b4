using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// What held-out round 13 found, on the real kernel: sysconf(_SC_TRACE) returns -1 and leaves errno 0 (sysconf(3): an
/// option glibc does not support), and its variant threw ErrnoException(EPERM), an error the call never reported.
/// </summary>
public sealed class RoundThirteenFixTests : System.IDisposable
{
    private readonly IoRing _ring = IoRing.Create();

    public void Dispose() => _ring.Dispose();

    [Fact]
    public async Task A_call_outside_the_table_that_returns_minus_one_without_errno_returns_minus_one_as_its_wrapper_does()
    {
        Assert.Equal(-1, LimitVariants.SysConf(LimitVariants.ScTrace));
        Assert.Equal(-1, await LimitVariants.SysConfAsync(_ring, LimitVariants.ScTrace));
        Assert.Equal(-1, await LimitVariants.FindAsync(_ring, -3));
        Assert.Equal(LimitVariants.SysConf(LimitVariants.ScPageSize), await LimitVariants.SysConfAsync(_ring, LimitVariants.ScPageSize));
    }

    [Fact]
    public async Task A_failure_with_errno_set_still_throws_inside_and_outside_the_table()
    {
        ErrnoException unknown = await Assert.ThrowsAsync<ErrnoException>(async () => await LimitVariants.SysConfAsync(_ring, 99999));
        Assert.Equal(Errno.EINVAL, unknown.Errno);
        ErrnoException past = await Assert.ThrowsAsync<ErrnoException>(async () => await LimitVariants.FindAsync(_ring, 11));
        Assert.Equal(Errno.EINVAL, past.Errno);
        ErrnoException closed = await Assert.ThrowsAsync<ErrnoException>(async () => await LimitVariants.FlockAsync(_ring, 999_999, 2));
        Assert.Equal(Errno.EBADF, closed.Errno);
    }
}
