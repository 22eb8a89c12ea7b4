using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Tests;

/// <summary>
/// ASYS0020: an ordinary method whose body reads Marshal.GetLastWin32Error()/GetLastPInvokeError() after imports declared
/// without SetLastError = true reads a value no call in it set (held-out round 22, old.pread_setlasterror_false_* and
/// old.fsync_setlasterror_false_*: a closed descriptor read as "0 bytes" and "no error", in the wrapper as in its variant).
/// A warning: the variant is still generated and runs the body as it is.
/// </summary>
public sealed class StaleLastErrorTests
{
    private const string Prelude = """
        using System;
        using System.Runtime.InteropServices;
        using AsyncSys;
        using Microsoft.Win32.SafeHandles;

        public static unsafe partial class Native
        {
            [DllImport("libc", EntryPoint = "pread")]
            internal static extern nint PReadPlain(int fd, byte[] buffer, nuint count, long offset);

            [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
            internal static extern int FsyncChecked(int fd);

            [LibraryImport("libc", EntryPoint = "fdatasync")]
            internal static partial int FdatasyncPlain(int fd);

            [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
            internal static partial int FdatasyncChecked(int fd);
        }

        """;

    [Fact]
    public async Task A_body_reading_the_last_error_after_imports_that_never_set_it_is_warned_and_still_generated()
    {
        Compilation input = GeneratorHarness.Compile(Prelude + """
            public static partial class Files
            {
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NegativeErrno)]
                public static long ReadAt(int fd, byte[] buffer, long offset)
                {
                    long n = Native.PReadPlain(fd, buffer, (nuint)buffer.Length, offset);
                    return n < 0 ? -Marshal.GetLastWin32Error() : n;
                }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
                public static int Sync(int fd) => Native.FdatasyncPlain(fd) == 0 ? 0 : Marshal.GetLastPInvokeError();

                // Quiet: the import sets it ([DllImport] and [LibraryImport] with SetLastError = true).
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
                public static int SyncChecked(int fd) => Native.FsyncChecked(fd) == 0 ? 0 : Marshal.GetLastWin32Error();

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
                public static int SyncCheckedPartial(int fd) => Native.FdatasyncChecked(fd) == 0 ? 0 : Marshal.GetLastPInvokeError();

                // Quiet: errno itself, read right after the call.
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
                public static int SyncErrno(int fd) => Native.FdatasyncPlain(fd) == 0 ? 0 : Marshal.GetLastSystemError();
            }
            """);
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);
        Diagnostic[] warnings = (await GeneratorHarness.AnalyzeAsync(output)).Where(d => d.Id.StartsWith("ASYS", System.StringComparison.Ordinal)).OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        Assert.Empty(GeneratorHarness.CompilerProblems(output));

        Assert.Equal(2, warnings.Length);
        Assert.All(warnings, w => Assert.Equal(("ASYS0020", DiagnosticSeverity.Warning), (w.Id, w.Severity)));
        Assert.Equal(
            "'ReadAt' reads Marshal.GetLastWin32Error() after calling 'PReadPlain', an import declared without SetLastError = true, so the value is not that call's errno but whatever an earlier P/Invoke left on the thread "
            + "(on the worker that runs the variant, 0: a failed call reads as a success, in the variant as in the wrapper); set SetLastError = true on 'PReadPlain'",
            warnings[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("ReadAt", output.SyntaxTrees.First().GetText().ToString(warnings[0].Location.SourceSpan));
        Assert.StartsWith("'Sync' reads Marshal.GetLastPInvokeError() after calling 'FdatasyncPlain'", warnings[1].GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        string generated = string.Join("\n", run.Results[0].GeneratedSources.Select(s => s.SourceText.ToString()));
        foreach (string name in new[] { "ReadAtAsync(", "SyncAsync(", "SyncCheckedAsync(", "SyncCheckedPartialAsync(", "SyncErrnoAsync(" })
        {
            Assert.Contains(name, generated, System.StringComparison.Ordinal);
        }
    }
}
