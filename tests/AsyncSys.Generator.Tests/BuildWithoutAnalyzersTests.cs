using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Generator.Model;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AsyncSys.Generator.Tests;

/// <summary>
/// A build that skips analyzers (RunAnalyzers=false, RunAnalyzersDuringBuild=false) still says why a wrapper got no
/// variant: the generator reports the refusal there, with the id, message and location the analyzer gives elsewhere.
/// Whatever the setting, the build as a whole reports each refusal exactly once.
/// </summary>
public sealed class BuildWithoutAnalyzersTests
{
    private const string Usings = """
        using System;
        using System.Runtime.InteropServices;
        using AsyncSys;

        """;

    private const string NotPartial = """
        public static class [|Libc|]
        {
            [AsyncSyscall]
            public static int Flock(int fd, int operation) => 0;
        }
        """;

    private const string RefParameter = """
        public static partial class Libc
        {
            [AsyncSyscall]
            public static int Flock(ref int [|fd|], int operation) => 0;
        }
        """;

    private const string ErrorConventionNotStated = """
        public static partial class Libc
        {
            [AsyncSyscall]
            public static int [|Frobnicate|](int fd) => 0;
        }
        """;

    private const string LocalFunction = """
        public static partial class Maintenance
        {
            public static int FlushAll(int fd)
            {
                return SyncFs(fd);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                static int [|SyncFs|](int fd) => fd;
            }
        }
        """;

    // The generator binds the body with its transform's semantic model, the analyzer with the compilation's: the same answer.
    private const string BodyActsOnCallingThread = """
        public static partial class Threads
        {
            [DllImport("libc", EntryPoint = "gettid")]
            private static extern int GetTid();

            [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
            public static int [|CurrentThreadId|](int offset) => GetTid() + offset;
        }
        """;

    /// <summary>The MSBuild properties of a build, and whether the SDK runs the analyzers in it.</summary>
    public static TheoryData<string, string, bool> Builds => new()
    {
        { "", "the default: analyzers run", true },
        { "RunAnalyzers=true", "analyzers run", true },
        { "RunAnalyzers=false", "analyzers skipped", false },
        { "RunAnalyzers=False", "MSBuild ignores case", false },
        { "RunAnalyzersDuringBuild=false", "analyzers skipped in a build", false },
        { "RunAnalyzers=true;RunAnalyzersDuringBuild=false", "RunAnalyzers, when set, decides", true },
        { "RunAnalyzersDuringBuild=false;DesignTimeBuild=true", "the IDE still analyzes live", true },
        { "RunAnalyzersDuringLiveAnalysis=false;DesignTimeBuild=true", "the IDE does not analyze", false },
        { "RunAnalyzersDuringLiveAnalysis=false", "a build still analyzes", true },
    };

    public static TheoryData<string, string, string, bool> RefusalsInEachBuild()
    {
        var data = new TheoryData<string, string, string, bool>();
        foreach ((string id, string markup) in new[] { ("ASYS0002", NotPartial), ("ASYS0005", RefParameter), ("ASYS0014", ErrorConventionNotStated), ("ASYS0001", LocalFunction), ("ASYS0016", BodyActsOnCallingThread) })
        {
            foreach (object[] build in Builds)
            {
                data.Add(id, markup, (string)build[0], (bool)build[2]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RefusalsInEachBuild))]
    public async Task A_refused_wrapper_is_reported_exactly_once_by_the_generator_when_analyzers_are_skipped_else_by_the_analyzer(
        string id, string markup, string properties, bool analyzersRun)
    {
        (string source, TextSpan span) = Markup.Parse(Usings + markup);
        Compilation input = GeneratorHarness.Compile(source);

        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input, Parse(properties));
        ImmutableArray<Diagnostic> analyzer = await GeneratorHarness.AnalyzeAsync(output);

        Assert.Null(run.Results[0].Exception);
        Assert.Empty(run.Results[0].GeneratedSources);
        Diagnostic expected = Assert.Single(analyzer);
        Assert.Equal(id, expected.Id);
        Assert.Equal(span, expected.Location.SourceSpan);

        // What the build reports: the generator's diagnostics, plus the analyzer's when the build runs analyzers.
        List<Diagnostic> build = run.Diagnostics.Concat(analyzersRun ? analyzer : ImmutableArray<Diagnostic>.Empty).ToList();
        Diagnostic reported = Assert.Single(build);
        Assert.Equal(analyzersRun ? 0 : 1, run.Diagnostics.Length);

        // The same diagnostic either way: descriptor (id, severity, help link), message, and place in the same syntax tree.
        Assert.Same(expected.Descriptor, reported.Descriptor);
        Assert.Equal(expected.GetMessage(CultureInfo.InvariantCulture), reported.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(expected.Location, reported.Location);
        Assert.Equal("Input0.cs", reported.Location.SourceTree!.FilePath);
        Assert.Equal(DiagnosticSeverity.Error, reported.Severity);
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task An_inspection_failure_is_one_ASYS0000_in_every_build(string properties, string why, bool analyzersRun)
    {
        _ = why;
        string source = Usings + """
            public static partial class Libc
            {
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)] public static int Broken(int fd) => 0;
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)] public static int Fine(int fd) => 0;
            }
            """;
        Compilation input = GeneratorHarness.Compile(source);
        WrapperInspector.FailForTesting.Value = name => name == "Broken";
        try
        {
            (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input, Parse(properties));
            ImmutableArray<Diagnostic> analyzer = await GeneratorHarness.AnalyzeAsync(output);

            Diagnostic expected = Assert.Single(analyzer);
            Assert.Equal("ASYS0000", expected.Id);
            List<Diagnostic> build = run.Diagnostics.Concat(analyzersRun ? analyzer : ImmutableArray<Diagnostic>.Empty).ToList();
            Diagnostic reported = Assert.Single(build);
            Assert.Equal(analyzersRun ? 0 : 1, run.Diagnostics.Length);

            Assert.Equal("ASYS0000", reported.Id);
            Assert.Equal(DiagnosticSeverity.Error, reported.Severity);
            string message = reported.GetMessage(CultureInfo.InvariantCulture);
            Assert.Equal(expected.GetMessage(CultureInfo.InvariantCulture), message);
            Assert.StartsWith("Internal error generating 'Broken': System.InvalidOperationException: failure injected by a test at ", message);
            FileLinePositionSpan where = reported.Location.GetLineSpan();
            Assert.Equal(expected.Location.GetLineSpan(), where);
            // The wrapper's name, where the analyzer puts it.
            Assert.Equal("Input0.cs", where.Path);
            Assert.Equal(new TextSpan(source.IndexOf("Broken(", System.StringComparison.Ordinal), "Broken".Length), reported.Location.SourceSpan);
            Assert.Contains("FineAsync", Assert.Single(run.Results[0].GeneratedSources).SourceText.ToString());
        }
        finally
        {
            WrapperInspector.FailForTesting.Value = null;
        }
    }

    [Fact]
    public void Pragma_suppresses_the_generators_report_as_it_does_the_analyzers()
    {
        Compilation input = GeneratorHarness.Compile(Usings + """
            #pragma warning disable ASYS0014 // not called anywhere yet
            public static partial class Libc
            {
                [AsyncSyscall]
                public static int Frobnicate(int fd) => 0;
            }
            """);

        (GeneratorDriverRunResult run, _) = GeneratorHarness.Run(input, Parse("RunAnalyzers=false"));

        Diagnostic reported = Assert.Single(run.Diagnostics);
        Assert.Equal("ASYS0014", reported.Id);
        Assert.True(reported.IsSuppressed);
    }

    [Fact]
    public void Valid_wrappers_and_warnings_get_nothing_from_the_generator_when_analyzers_are_skipped()
    {
        // ASYS0010 (a cancel hook a ring call never uses) is a warning: the variant is still generated, so it stays
        // the analyzer's alone.
        Compilation input = GeneratorHarness.Compile(Usings + """
            public static partial class Libc
            {
                [AsyncSyscall(RingOp.Fsync, CancelHook = nameof(Hook))]
                public static int Fsync(int fd) => 0;

                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static int Frobnicate(int fd) => 0;

                private static void Hook(BlockingCallInfo call) { }
            }
            """);

        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input, Parse("RunAnalyzers=false"));

        Assert.Empty(run.Diagnostics);
        Assert.Equal(2, run.Results[0].GeneratedSources.Length);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
    }

    [Fact]
    public void Rerun_with_analyzers_skipped_is_fully_cached_and_reports_again()
    {
        (string source, _) = Markup.Parse(Usings + NotPartial);
        Compilation compilation = GeneratorHarness.Compile(source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(Parse("RunAnalyzers=false")).RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.Clone());

        GeneratorRunResult result = driver.GetRunResult().Results[0];
        Assert.Equal("ASYS0002", Assert.Single(result.Diagnostics).Id);
        foreach (string name in new[] { StepNames.AttributedMethods, StepNames.AnalyzersSkipped, StepNames.UnreportedProblems })
        {
            IncrementalStepRunReason[] reasons = result.TrackedSteps[name].SelectMany(step => step.Outputs).Select(output => output.Reason).ToArray();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, name + " output was " + reason));
        }
    }

    private static Dictionary<string, string> Parse(string properties) =>
        properties.Split(';', System.StringSplitOptions.RemoveEmptyEntries)
            .Select(property => property.Split('='))
            .ToDictionary(pair => pair[0], pair => pair[1]);
}
