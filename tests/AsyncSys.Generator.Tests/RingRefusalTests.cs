using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Tests;

/// <summary>
/// A ring variant whose arguments its <c>RingRequest</c> cannot take (a negative descriptor, a range the factory refuses,
/// a value outside the factory's integer type) runs the wrapper itself on a worker, so the answer is the kernel's in the
/// kernel's own order of checks; arguments the ring takes as the synchronous call passes them get no guard.
/// </summary>
public sealed class RingRefusalTests
{
    private const string Usings = """
        using System;
        using System.Runtime.InteropServices;
        using AsyncSys;

        """;

    private static async Task<string> GenerateAsync(string name, string declarations)
    {
        Compilation input = GeneratorHarness.Compile(Usings + "public static unsafe partial class Libc\n{\n" + declarations + "\n}\n");
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
        Assert.Empty((await GeneratorHarness.AnalyzeAsync(output)).Where(d => d.Severity == DiagnosticSeverity.Error));
        return run.Results[0].GeneratedSources.Single(s => s.HintName.Contains("." + name + ".", System.StringComparison.Ordinal)).SourceText.ToString();
    }

    [Fact]
    public async Task Values_the_factory_refuses_run_the_wrapper_tested_in_the_factory_order()
    {
        string fallocate = await GenerateAsync("fallocate", """
            [DllImport("libc", SetLastError = true)] [AsyncSyscall] public static extern int fallocate(int fd, int mode, long offset, long len);
            """);

        // RingRequest.Fallocate: CheckFd, CheckNonNegative(offset), CheckPositive(len).
        Assert.Contains("if ((fd < 0) || (offset < 0) || (len <= 0))", fallocate);
        Assert.Contains("return RunWrapperAsync(ring, fd, mode, offset, len, cancellationToken);", fallocate);
        Assert.Contains("static async global::System.Threading.Tasks.ValueTask<int> RunWrapperAsync(global::AsyncSys.IoRing ring, int fd, int mode, long offset, long len, global::System.Threading.CancellationToken cancellationToken)", fallocate);
        Assert.Contains("await ring.RunBlockingAsync(state, fallocateAsyncState.Invoke", fallocate);
        Assert.Contains("return global::Libc.fallocate(state.fd, state.mode, state.offset, state.len);", fallocate);
        // The valid call is untouched: the ring's task itself, no state machine.
        Assert.Contains("return ring.SubmitAsync(global::AsyncSys.RingRequest.Fallocate(fd, mode, offset, len), cancellationToken);", fallocate);
    }

    [Fact]
    public async Task An_answer_given_without_the_kernel_becomes_the_wrappers_own_and_a_descriptor_outside_int_runs_it_too()
    {
        // pread's EINVAL for a negative offset was answered without the kernel; the wrapper now gives it (or EBADF, in the
        // kernel's order). An nint descriptor outside int threw ArgumentOutOfRangeException; the wrapper passes its low 32 bits.
        string pread = await GenerateAsync("pread", """
            [DllImport("libc", SetLastError = true)] [AsyncSyscall] public static extern nint pread(nint fd, byte* buf, nuint count, long offset);
            """);

        Assert.Contains("if ((offset < 0) || (!((long)fd >= int.MinValue && (long)fd <= int.MaxValue) || (int)((long)fd) < 0) || (offset < -1))", pread);
        Assert.DoesNotContain("Errno.EINVAL", pread);
        // Tested before the submission: the request's own range check on fd is never reached by a value outside int.
        Assert.True(pread.IndexOf("if ((offset < 0)", System.StringComparison.Ordinal) < pread.IndexOf("ring.SubmitAsync(", System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_invalid_SafeHandle_and_a_null_message_header_run_the_wrapper()
    {
        string fsync = await GenerateAsync("fsync", """
            [DllImport("libc", SetLastError = true)] [AsyncSyscall] public static extern int fsync(SafeHandle fd);
            """);
        string sendmsg = await GenerateAsync("sendmsg", """
            [DllImport("libc", SetLastError = true)] [AsyncSyscall] public static extern nint sendmsg(int sockfd, void* msg, int flags);
            """);

        // Null and closed handles fail alike both ways (the marshaller throws too): only an open, invalid one is guarded.
        Assert.Contains("if ((fd is { IsClosed: false, IsInvalid: true }))", fsync);
        Assert.Contains("if ((sockfd < 0) || (msg == 0))", sendmsg);
    }

    [Fact]
    public async Task A_dirfd_of_any_value_goes_to_the_ring_and_only_a_path_the_ring_refuses_runs_the_wrapper()
    {
        // openat's dirfd goes to the ring as it is: AT_FDCWD (-100) and any other negative dirfd reach the kernel, which
        // answers them itself; flags and modes are bits. Only the path RingRequest.OpenAt refuses (null, empty, a NUL:
        // the synchronous call passes NULL, "" or the path up to its NUL) runs the wrapper.
        string openat = await GenerateAsync("openat", """
            [DllImport("libc", SetLastError = true)] [AsyncSyscall] public static extern int openat(int dirfd, string pathname, int flags, int mode);
            """);
        string fsync = await GenerateAsync("fdatasync", """
            [DllImport("libc", SetLastError = true)] [AsyncSyscall] public static extern int fdatasync(uint fd);
            """);

        Assert.Contains("if ((pathname is null || pathname.Length == 0 || pathname.IndexOf('\\0') >= 0))", openat);
        Assert.DoesNotContain("dirfd <", openat);
        Assert.Contains("return ring.SubmitAsync(global::AsyncSys.RingRequest.OpenAt(dirfd, pathname, flags, mode), cancellationToken);", openat);
        // A uint descriptor keeps its bits, as the call passes them; the ring refuses what is negative as an int.
        Assert.Contains("if ((unchecked((int)fd) < 0))", fsync);
    }
}
