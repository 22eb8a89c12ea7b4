using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Generator.Emit;
using AsyncSys.Generator.Model;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncSys.Generator.Tests;

/// <summary>
/// Nothing is lost without a word: clashing file names, generator bugs, [LibraryImport] partials whose body the
/// runtime's generator wrote, old language versions and inherited members each end in generated code or in a
/// diagnostic with an id, and one bad wrapper never takes the others down.
/// </summary>
public sealed class NeverSilentTests
{
    private const string Usings = "using System; using System.IO; using System.Runtime.InteropServices; using AsyncSys;\n";

    [Fact]
    public void Wrappers_whose_names_differ_only_in_case_and_overloads_all_generate()
    {
        Compilation input = GeneratorHarness.Compile(Usings + """
            namespace Demo
            {
                public static unsafe partial class Libc
                {
                    [DllImport("libc", SetLastError = true)] [AsyncSyscall] private static extern int flock(int fd, int operation);
                    [AsyncSyscall] public static int Flock(int fd, int operation) => flock(fd, operation);
                    [AsyncSyscall(MethodName = "FlockLongAsync")] public static int Flock(long fd, int operation) => 0;
                    [AsyncSyscall(MethodName = "FLOCKAsync2")] public static int FLOCK(int fd, int operation, int extra) => 0;
                }

                public static partial class LIBC
                {
                    [AsyncSyscall] public static int Flock(int fd, int operation) => 0;
                }
            }

            namespace demo
            {
                public static partial class Libc
                {
                    [AsyncSyscall] public static int Flock(int fd, int operation) => 0;
                }
            }
            """);

        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);

        Assert.Null(run.Results[0].Exception);
        Assert.Empty(run.Diagnostics);
        Assert.Equal(6, run.Results[0].GeneratedSources.Length);
        Assert.Equal(6, run.Results[0].GeneratedSources.Select(s => s.HintName.ToUpperInvariant()).Distinct().Count());
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
    }

    [Fact]
    public async Task An_inspection_failure_is_one_ASYS0000_from_the_analyzer_and_the_other_wrappers_still_generate()
    {
        Compilation input = GeneratorHarness.Compile(Usings + """
            public static partial class Libc
            {
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)] public static int Broken(int fd) => 0;
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)] public static int Fine(int fd) => 0;
            }
            """);
        WrapperInspector.FailForTesting.Value = name => name == "Broken";
        try
        {
            (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);
            ImmutableArray<Diagnostic> analyzer = await GeneratorHarness.AnalyzeAsync(output);

            // The analyzer reports it (its inspection fails the same way); the generator does not say it twice.
            Assert.Empty(run.Diagnostics);
            Diagnostic failure = Assert.Single(analyzer);
            Assert.Equal("ASYS0000", failure.Id);
            Assert.Equal(DiagnosticSeverity.Error, failure.Severity);
            Assert.StartsWith("Internal error generating 'Broken': System.InvalidOperationException: failure injected by a test at ", failure.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains("WrapperInspector.Inspect", failure.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("Input0.cs", failure.Location.GetLineSpan().Path);
            Assert.Equal(3, failure.Location.GetLineSpan().StartLinePosition.Line);
            Assert.Contains("FineAsync", Assert.Single(run.Results[0].GeneratedSources).SourceText.ToString());
        }
        finally
        {
            WrapperInspector.FailForTesting.Value = null;
        }
    }

    [Fact]
    public void An_emitter_failure_is_ASYS0000_too()
    {
        Compilation input = GeneratorHarness.Compile(Usings + """
            public static partial class Libc
            {
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)] public static int Broken(int fd) => 0;
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)] public static int Fine(int fd) => 0;
            }
            """);
        AsyncMethodEmitter.FailForTesting.Value = name => name == "BrokenAsync";
        try
        {
            (GeneratorDriverRunResult run, _) = GeneratorHarness.Run(input);

            Diagnostic failure = Assert.Single(run.Diagnostics);
            Assert.Equal("ASYS0000", failure.Id);
            Assert.Contains("Broken(int)", failure.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Single(run.Results[0].GeneratedSources);
        }
        finally
        {
            AsyncMethodEmitter.FailForTesting.Value = null;
        }
    }

    [Fact]
    public async Task A_LibraryImport_partial_whose_body_was_generated_still_gets_its_diagnostic()
    {
        // The runtime's LibraryImport generator writes the body with [GeneratedCode]; partial methods merge
        // attributes, so the whole method looks generated to the analyzer driver.
        Compilation input = GeneratorHarness.Compile(
            Usings + """
            public static unsafe partial class Libc
            {
                [LibraryImport("libc", SetLastError = true)]
                [AsyncSyscall]
                public static partial int flock(ref int fd, int operation);
            }
            """,
            Usings + """
            public static unsafe partial class Libc
            {
                [System.CodeDom.Compiler.GeneratedCode("Microsoft.Interop.LibraryImportGenerator", "10.0.0")]
                public static partial int flock(ref int fd, int operation) => 0;
            }
            """);

        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);
        ImmutableArray<Diagnostic> analyzer = await GeneratorHarness.AnalyzeAsync(output);

        Assert.Empty(run.Results[0].GeneratedSources);
        Diagnostic diagnostic = Assert.Single(analyzer);
        Assert.Equal("ASYS0005", diagnostic.Id);
        Assert.Contains("'fd'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Csharp_9_gets_ASYS0012_and_no_generated_code()
    {
        var csharp9 = new CSharpParseOptions(LanguageVersion.CSharp9, DocumentationMode.Diagnose);
        Compilation input = GeneratorHarness.Compile(csharp9, Usings + """
            public static partial class Libc
            {
                [AsyncSyscall] public static int Flock(int fd, int operation) => 0;
            }
            """);

        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);
        ImmutableArray<Diagnostic> analyzer = await GeneratorHarness.AnalyzeAsync(output);

        Assert.Empty(run.Results[0].GeneratedSources);
        Diagnostic diagnostic = Assert.Single(analyzer);
        Assert.Equal("ASYS0012", diagnostic.Id);
        Assert.Contains("C# 9", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_generated_member_that_would_hide_an_inherited_one_is_ASYS0008_naming_a_free_MethodName()
    {
        Compilation input = GeneratorHarness.Compile(Usings + """
            public sealed partial class DeviceStream : Stream
            {
                public override bool CanRead => true;
                public override bool CanSeek => false;
                public override bool CanWrite => false;
                public override long Length => 0;
                public override long Position { get => 0; set { } }
                public override void Flush() { }
                public override long Seek(long offset, SeekOrigin origin) => 0;
                public override void SetLength(long value) { }
                public override void Write(byte[] buffer, int offset, int count) { }

                [AsyncSyscall]
                public override int Read(byte[] buffer, int offset, int count) => 0;
            }
            """);

        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);
        ImmutableArray<Diagnostic> analyzer = await GeneratorHarness.AnalyzeAsync(output);

        Assert.Empty(run.Results[0].GeneratedSources);
        Diagnostic diagnostic = Assert.Single(analyzer);
        Assert.Equal("ASYS0008", diagnostic.Id);
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("System.IO.Stream.ReadAsync(byte[], int, int, System.Threading.CancellationToken)", message);
        Assert.Contains("MethodName = \"ReadSyscallAsync\"", message);
    }

    // A path run on a worker is taken as a string and encoded as it is: a default text is kept, a null default is not (the
    // wrapper passes NULL for it, the variant would pass "", and `string path = null` warned in the generated code). The
    // same for a pointer path on the ring, whose wrapper runs for a null path.
    [Fact]
    public void A_path_run_on_a_worker_keeps_a_default_text_and_no_null_default()
    {
        Compilation input = GeneratorHarness.Compile(Usings + """
            public static unsafe partial class Libc
            {
                [DllImport("libc", EntryPoint = "faccessat", SetLastError = true)]
                [AsyncSyscall]
                public static extern int AccessPointer(int dirfd, byte* path = null, int mode = 0, int flags = 0);

                [DllImport("libc", EntryPoint = "faccessat", SetLastError = true)]
                [AsyncSyscall]
                public static extern int AccessText(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path = "/dev/null", int mode = 0, int flags = 0);

                [DllImport("libc", EntryPoint = "openat", SetLastError = true)]
                [AsyncSyscall]
                public static extern int OpenPointer(int dirfd, byte* path = null, int flags = 0, uint mode = 0);
            }

            public static class Caller
            {
                public static async System.Threading.Tasks.Task Run(IoRing ring)
                {
                    await Libc.AccessTextAsync(ring, -100);
                    await Libc.AccessPointerAsync(ring, -100, "/dev/null");
                }
            }
            """);

        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);

        string generated = string.Concat(run.Results[0].GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("AccessPointerAsync(global::AsyncSys.IoRing ring, int dirfd, string path, int mode = (int)(0)", generated);
        Assert.Contains("AccessTextAsync(global::AsyncSys.IoRing ring, int dirfd, string path = \"/dev/null\", int mode", generated);
        Assert.Contains("OpenPointerAsync(global::AsyncSys.IoRing ring, int dirfd, string path, int flags = (int)(0)", generated);
        var problems = GeneratorHarness.CompilerProblems(output);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Calls_that_compiled_against_the_wrapper_compile_against_the_variant_defaults_and_oblivious_nulls_included()
    {
        Compilation input = GeneratorHarness.Compile(Usings + """
            #nullable disable
            public static partial class Legacy
            {
                [AsyncSyscall] public static int Unlink(string path, int flags = 0) => 0;
            }
            #nullable enable

            public static class Caller
            {
                public static async System.Threading.Tasks.Task Run()
                {
                    Legacy.Unlink(null);
                    await Legacy.UnlinkAsync(null);
                    await Legacy.UnlinkAsync("x", 1);
                }
            }
            """);

        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);

        Assert.Single(run.Results[0].GeneratedSources);
        var problems = GeneratorHarness.CompilerProblems(output);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
