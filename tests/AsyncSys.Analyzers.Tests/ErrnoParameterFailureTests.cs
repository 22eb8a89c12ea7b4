using System.Threading.Tasks;
using AsyncSys.Analyzers.Tests.Harness;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// ASYS1001: a checker given a call's result as a parameter (`rc < 0 ? -errno : rc`) reads errno for the caller's call:
/// any call or await it makes before the read replaces that errno, also in a lambda held in a field initializer.
/// </summary>
public class ErrnoParameterFailureTests
{
    private static Task VerifyAsync(string code) =>
        AnalyzerVerifier<ErrnoReadTooLateAnalyzer>.VerifyAsync(TestSources.Native + code);

    [Fact]
    public Task Errno_read_in_a_field_initializer_lambda_after_logging_is_reported() => VerifyAsync("""
        static class C
        {
            static readonly Func<int, string, int> Checked = (rc, what) =>
            {
                Console.Error.WriteLine(what);
                return rc < 0 ? -{|ASYS1001:Marshal.GetLastPInvokeError()|} : rc;
            };

            static int Sync(int fd) => Checked(Native.fsync(fd), "fsync");
        }
        """);

    [Fact]
    public Task Errno_read_in_a_checker_method_after_a_call_is_reported() => VerifyAsync("""
        static class C
        {
            static int Check(int result, string what)
            {
                Native.Log(what);
                if (result == -1)
                {
                    return -{|ASYS1001:Marshal.GetLastPInvokeError()|};
                }

                return result;
            }
        }
        """);

    // A loop in the checker sends it through the graph: the same answer.
    [Fact]
    public Task Errno_read_in_a_checker_after_a_logging_loop_is_reported() => VerifyAsync("""
        static class C
        {
            static int Check(int result, string[] lines)
            {
                foreach (string line in lines)
                {
                    Native.Log(line);
                }

                return result < 0 ? -{|ASYS1001:Marshal.GetLastPInvokeError()|} : result;
            }
        }
        """);

    [Fact]
    public Task Errno_read_first_in_the_checker_is_not_reported() => VerifyAsync("""
        static class C
        {
            static readonly Func<int, string, int> Checked = (rc, what) =>
            {
                int errno = rc < 0 ? Marshal.GetLastPInvokeError() : 0;
                Console.Error.WriteLine(what);
                return rc < 0 ? -errno : rc;
            };
        }
        """);

    // The parameter tested on its success side, or not tested for failure at all: not a read for the caller's call.
    [Fact]
    public Task Errno_read_where_the_parameter_is_not_tested_for_failure_is_not_reported() => VerifyAsync("""
        static class C
        {
            static int Check(int rc, string what)
            {
                Console.Error.WriteLine(what);
                if (rc >= 0)
                {
                    return Marshal.GetLastPInvokeError();
                }

                return rc > 100 ? Marshal.GetLastPInvokeError() : rc;
            }
        }
        """);

    // The parameter given a new value in the function holds something else.
    [Fact]
    public Task Errno_read_for_a_reassigned_parameter_is_not_reported() => VerifyAsync("""
        static class C
        {
            static int Check(int rc, string what)
            {
                Console.Error.WriteLine(what);
                rc = Helper();
                return rc < 0 ? -Marshal.GetLastPInvokeError() : rc;
            }

            static int Helper() => 0;
        }
        """);
}
