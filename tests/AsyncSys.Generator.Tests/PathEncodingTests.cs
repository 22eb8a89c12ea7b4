using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Tests;

/// <summary>
/// A ring call's string path goes to the ring only when the wrapper passes it as UTF-8, as the ring does: a path the
/// wrapper marshals as UTF-16 runs the wrapper on a worker (the kernel reads what the synchronous call passes).
/// </summary>
public sealed class PathEncodingTests
{
    [Theory]
    [InlineData("[DllImport(\"libc\", EntryPoint = \"mkdirat\", CharSet = CharSet.Unicode, SetLastError = true)]", "string path", false)]
    [InlineData("[DllImport(\"libc\", EntryPoint = \"mkdirat\", SetLastError = true)]", "[MarshalAs(UnmanagedType.LPWStr)] string path", false)]
    [InlineData("[DllImport(\"libc\", EntryPoint = \"mkdirat\", SetLastError = true)]", "[MarshalAs(UnmanagedType.LPTStr)] string path", false)]
    [InlineData("[LibraryImport(\"libc\", EntryPoint = \"mkdirat\", StringMarshalling = StringMarshalling.Utf16, SetLastError = true)]", "string path", false)]
    [InlineData("[DllImport(\"libc\", EntryPoint = \"mkdirat\", SetLastError = true)]", "string path", true)]
    [InlineData("[DllImport(\"libc\", EntryPoint = \"mkdirat\", CharSet = CharSet.Ansi, SetLastError = true)]", "string path", true)]
    [InlineData("[DllImport(\"libc\", EntryPoint = \"mkdirat\", CharSet = CharSet.Unicode, SetLastError = true)]", "[MarshalAs(UnmanagedType.LPUTF8Str)] string path", true)]
    [InlineData("[LibraryImport(\"libc\", EntryPoint = \"mkdirat\", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]", "string path", true)]
    [InlineData("[LibraryImport(\"libc\", EntryPoint = \"mkdirat\", StringMarshalling = StringMarshalling.Utf16, SetLastError = true)]", "[MarshalAs(UnmanagedType.LPUTF8Str)] string path", true)]
    public void A_string_path_goes_to_the_ring_only_when_the_wrapper_passes_UTF_8(string import, string path, bool ring)
    {
        string modifier = import.StartsWith("[LibraryImport", System.StringComparison.Ordinal) ? "partial" : "extern";
        string source = """
            using System.Runtime.InteropServices;
            using AsyncSys;

            public static partial class Libc
            {
            """ + "\n    " + import + "\n    [AsyncSyscall]\n    public static " + modifier + " int MkdirAt(int dirfd, " + path + ", uint mode);\n}\n";

        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        string generated = Assert.Single(run.Results[0].GeneratedSources).SourceText.ToString();
        Assert.Equal(ring, generated.Contains("RingRequest.MkdirAt(", System.StringComparison.Ordinal));
        Assert.Equal(ring, generated.Contains("SubmitAsync(", System.StringComparison.Ordinal));
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("[DllImport(\"libc\", EntryPoint = \"mkdirat\", CharSet = CharSet.Unicode, SetLastError = true)]", "string path", "CharSet.Unicode")]
    [InlineData("[DllImport(\"libc\", EntryPoint = \"mkdirat\", SetLastError = true)]", "[MarshalAs(UnmanagedType.LPWStr)] string path", "[MarshalAs(UnmanagedType.LPWStr)]")]
    [InlineData("[LibraryImport(\"libc\", EntryPoint = \"mkdirat\", StringMarshalling = StringMarshalling.Utf16, SetLastError = true)]", "string path", "StringMarshalling.Utf16")]
    [InlineData("[DllImport(\"libc\", EntryPoint = \"mkdirat\", SetLastError = true)]", "string path", null)]
    [InlineData("[DllImport(\"libc\", EntryPoint = \"mkdirat\", CharSet = CharSet.Unicode, SetLastError = true)]", "[MarshalAs(UnmanagedType.LPUTF8Str)] string path", null)]
    [InlineData("[LibraryImport(\"libc\", EntryPoint = \"mkdirat\", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]", "string path", null)]
    [InlineData("[LibraryImport(\"libc\", EntryPoint = \"mkdirat\", StringMarshalling = StringMarshalling.Utf16, SetLastError = true)]", "[MarshalAs(UnmanagedType.LPUTF8Str)] string path", null)]
    // Not known to be UTF-16: LPTStr is the platform's own string kind, and a byte* path is bytes already.
    [InlineData("[DllImport(\"libc\", EntryPoint = \"mkdirat\", SetLastError = true)]", "[MarshalAs(UnmanagedType.LPTStr)] string path", null)]
    [InlineData("[DllImport(\"libc\", EntryPoint = \"mkdirat\", CharSet = CharSet.Unicode, SetLastError = true)]", "byte* path", null)]
    public async Task A_kernel_path_marshalled_as_UTF_16_is_warned_about_with_the_spelling_that_makes_it_so(string import, string path, string? spelling)
    {
        string modifier = import.StartsWith("[LibraryImport", System.StringComparison.Ordinal) ? "partial" : "extern";
        string source = """
            using System.Runtime.InteropServices;
            using AsyncSys;

            public static unsafe partial class Libc
            {
            """ + "\n    " + import + "\n    [AsyncSyscall]\n    public static " + modifier + " int MkdirAt(int dirfd, " + path + ", uint mode);\n}\n";

        (_, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        ImmutableArray<Diagnostic> diagnostics = await GeneratorHarness.AnalyzeAsync(output);

        Diagnostic[] warnings = diagnostics.Where(d => d.Id == "ASYS0017").ToArray();
        if (spelling is null)
        {
            Assert.Empty(warnings);
            return;
        }

        Diagnostic warning = Assert.Single(warnings);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal("path", source.Substring(warning.Location.SourceSpan.Start, warning.Location.SourceSpan.Length));
        Assert.Contains("'MkdirAt' passes path 'path' to mkdirat as UTF-16 (" + spelling + ")", warning.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ordinary_method_or_a_call_outside_the_table_is_not_warned_about()
    {
        const string source = """
            using System.Runtime.InteropServices;
            using AsyncSys;

            public static partial class Native
            {
                // A body of its own: its string is the ring's to encode, or the body's to pass on.
                [AsyncSyscall(RingOp.MkdirAt)]
                public static int MakeDirectory(int dirfd, string path, uint mode) => 0;

                // Not a system call the table knows: nothing says its string is a kernel path.
                [DllImport("libfoo", CharSet = CharSet.Unicode, SetLastError = true)]
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int foo_log(string message);
            }
            """;

        (_, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        ImmutableArray<Diagnostic> diagnostics = await GeneratorHarness.AnalyzeAsync(output);

        Assert.DoesNotContain(diagnostics, d => d.Id == "ASYS0017");
    }
}
