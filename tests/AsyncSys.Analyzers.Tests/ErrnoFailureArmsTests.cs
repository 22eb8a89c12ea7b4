using System.Threading.Tasks;
using AsyncSys.Analyzers.Tests.Harness;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// ASYS1001: errno read in a switch arm or a pattern arm for the failure of a call that another P/Invoke followed, also
/// when that P/Invoke runs on only some paths (inside an `if`); and which comparisons with 0 count as failure tests.
/// </summary>
public class ErrnoFailureArmsTests
{
    private const string Mman = """
        static class Mman
        {
            [DllImport("libc", EntryPoint = "msync", SetLastError = true)]
            public static extern int Msync(nint address, nuint length, int flags);

            [DllImport("libc", EntryPoint = "madvise", SetLastError = true)]
            public static extern int Madvise(nint address, nuint length, int advice);

            // Not known to return 0 on success: `!= 0` says nothing about its failure.
            [DllImport("libc", SetLastError = true)]
            public static extern int custom_probe(int fd);
        }

        """;

    private static Task VerifyAsync(string code) =>
        AnalyzerVerifier<ErrnoReadTooLateAnalyzer>.VerifyAsync(TestSources.Native + Mman + code);

    [Fact]
    public Task Errno_read_in_the_default_arm_after_a_pinvoke_on_some_paths_is_reported() => VerifyAsync("""
        static class C
        {
            static int Flush(nint start, nuint length, bool cold)
            {
                int rc = Mman.Msync(start, length, 4);
                if (cold)
                {
                    Mman.Madvise(start, length, 4);
                }

                return rc switch
                {
                    0 => 0,
                    _ => -{|ASYS1001:Marshal.GetLastPInvokeError()|},
                };
            }
        }
        """);

    [Fact]
    public Task Errno_read_in_a_switch_statement_default_section_after_a_later_pinvoke_is_reported() => VerifyAsync("""
        static class C
        {
            static int Flush(nint start, nuint length)
            {
                int rc = Mman.Msync(start, length, 4);
                Mman.Madvise(start, length, 4);
                switch (rc)
                {
                    case 0:
                        return 0;
                    default:
                        return -{|ASYS1001:Marshal.GetLastPInvokeError()|};
                }
            }
        }
        """);

    [Fact]
    public Task Errno_read_in_a_not_zero_pattern_arm_after_a_later_pinvoke_is_reported() => VerifyAsync("""
        static class C
        {
            static int Flush(nint start, nuint length, bool cold)
            {
                int rc = Mman.Msync(start, length, 4);
                if (cold)
                {
                    Mman.Madvise(start, length, 4);
                }

                return rc is not 0 ? -{|ASYS1001:Marshal.GetLastPInvokeError()|} : 0;
            }
        }
        """);

    [Fact]
    public Task Errno_read_for_a_failure_tested_with_not_equal_zero_after_a_pinvoke_on_some_paths_is_reported() => VerifyAsync("""
        static class C
        {
            static int Flush(nint start, nuint length, bool cold)
            {
                int rc = Mman.Msync(start, length, 4);
                if (cold)
                {
                    Mman.Madvise(start, length, 4);
                }

                if (rc != 0)
                {
                    return -{|ASYS1001:Marshal.GetLastPInvokeError()|};
                }

                return 0;
            }
        }
        """);

    // errno kept in a local right after the call: nothing to report.
    [Fact]
    public Task Errno_kept_right_after_the_call_is_not_reported() => VerifyAsync("""
        static class C
        {
            static int Flush(nint start, nuint length, bool cold)
            {
                int rc = Mman.Msync(start, length, 4);
                int errno = Marshal.GetLastPInvokeError();
                if (cold)
                {
                    Mman.Madvise(start, length, 4);
                }

                return rc switch
                {
                    0 => 0,
                    _ => -errno,
                };
            }
        }
        """);

    // The call in between tested for its own failure: errno is its own.
    [Fact]
    public Task Errno_read_for_the_failure_of_the_call_in_between_is_not_reported() => VerifyAsync("""
        static class C
        {
            static int Flush(nint start, nuint length, bool cold)
            {
                int rc = Mman.Msync(start, length, 4);
                if (rc != 0)
                {
                    return -1;
                }

                int advised = Mman.Madvise(start, length, 4);
                return advised switch
                {
                    0 => 0,
                    _ => -Marshal.GetLastPInvokeError(),
                };
            }
        }
        """);

    // The read on the success side of the earlier call (the `0` arm), or after an arm that leaves no failure: not for msync.
    [Fact]
    public Task Errno_read_on_the_success_arm_is_not_reported() => VerifyAsync("""
        static class C
        {
            static int Flush(nint start, nuint length, bool cold)
            {
                int rc = Mman.Msync(start, length, 4);
                if (cold)
                {
                    Mman.Madvise(start, length, 4);
                }

                return rc switch
                {
                    0 => Marshal.GetLastPInvokeError(),
                    _ => -1,
                };
            }
        }
        """);

    // A call not known to return 0 on success: `!= 0` may be its success side (a BOOL as int), so no call is blamed.
    [Fact]
    public Task Errno_read_after_not_equal_zero_of_an_unknown_call_is_not_reported() => VerifyAsync("""
        static class C
        {
            static int Probe(nint start, nuint length, bool cold)
            {
                int rc = Mman.custom_probe(3);
                if (cold)
                {
                    Mman.Madvise(start, length, 4);
                }

                return rc switch
                {
                    0 => 0,
                    _ => -Marshal.GetLastPInvokeError(),
                };
            }
        }
        """);
}
