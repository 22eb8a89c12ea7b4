using System.Threading.Tasks;
using AsyncSys.Analyzers.Tests.Harness;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// ASYS1001: a result taken from a switch expression or ?: whose arms are P/Invokes and constants. On a constant arm's
/// path the failure test (`rc != 0`) cannot pass, so an await before the switch does not make the read in that branch stale.
/// </summary>
public class ErrnoConstantArmsTests
{
    private static Task VerifyAsync(string code) =>
        AnalyzerVerifier<ErrnoReadTooLateAnalyzer>.VerifyAsync(TestSources.Native + code);

    [Fact]
    public Task Errno_read_behind_a_test_the_constant_arm_cannot_pass_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> Commit(int fd, int mode)
            {
                await Task.Yield();
                int rc = mode switch
                {
                    1 => Native.fsync(fd),
                    2 => Native.flock(fd, 2),
                    _ => 0,
                };
                if (rc != 0)
                {
                    return -Marshal.GetLastPInvokeError();
                }

                return 0;
            }
        }
        """);

    [Fact]
    public Task Errno_read_behind_a_conditional_with_a_constant_arm_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> Commit(int fd, bool durable)
            {
                await Task.Yield();
                int rc = durable ? Native.fsync(fd) : 0;
                return rc < 0 ? -Marshal.GetLastPInvokeError() : 0;
            }
        }
        """);

    // The constant passes the test (-1 is a failure value): the await before the switch is on a path to the read.
    [Fact]
    public Task Errno_read_behind_a_test_the_constant_arm_passes_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> Commit(int fd, int mode)
            {
                await Task.Yield();
                int rc = mode switch
                {
                    1 => Native.fsync(fd),
                    _ => -1,
                };
                if (rc != 0)
                {
                    return -{|ASYS1001:Marshal.GetLastPInvokeError()|};
                }

                return 0;
            }
        }
        """);

    // A call after the switch still makes the read stale on the P/Invoke arms' paths.
    [Fact]
    public Task Errno_read_after_a_call_following_the_switch_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> Commit(int fd, int mode)
            {
                await Task.Yield();
                int rc = mode switch
                {
                    1 => Native.fsync(fd),
                    _ => 0,
                };
                Native.Log("synced");
                if (rc != 0)
                {
                    return -{|ASYS1001:Marshal.GetLastPInvokeError()|};
                }

                return 0;
            }
        }
        """);

    // The local written again: its value on the constant arm's path is not known at the test.
    [Fact]
    public Task Errno_read_for_a_local_written_again_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> Commit(int fd, int mode, int extra)
            {
                await Task.Yield();
                int rc = mode switch
                {
                    1 => Native.fsync(fd),
                    _ => 0,
                };
                if (mode == 3)
                {
                    rc = extra;
                }

                if (rc != 0)
                {
                    return -{|ASYS1001:Marshal.GetLastPInvokeError()|};
                }

                return 0;
            }
        }
        """);
}
