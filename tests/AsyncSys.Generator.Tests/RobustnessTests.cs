using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Tests;

/// <summary>The generator and analyzer never throw into the compiler, whatever half-typed code they meet.</summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> BrokenInputs => new()
    {
        // Missing semicolon and closing brace.
        "public static partial class Libc { [AsyncSyscall] public static int Flock(int fd, int operation) => 0 ",
        // Unresolved parameter and return types.
        "public static partial class Libc { [AsyncSyscall] public static Missing Flock(Unknown fd, List<Nope> x) => default; }",
        // Attribute with wrong arguments.
        "public static partial class Libc { [AsyncSyscall(\"read\")] public static int Read(int fd) => 0; }",
        "public static partial class Libc { [AsyncSyscall(RingOp.Bogus)] public static int Read(int fd) => 0; }",
        "public static partial class Libc { [AsyncSyscall((RingOp)999)] public static int Read(int fd) => 0; }",
        "public static partial class Libc { [AsyncSyscall(MethodName = 5, ErrorMode = \"x\")] public static int Read(int fd) => 0; }",
        "public static partial class Libc { [AsyncSyscall(CancelHook = null)] public static int Read(int fd) => 0; }",
        // Unclosed attribute.
        "public static partial class Libc { [AsyncSyscall( public static int Read(int fd) => 0; }",
        // Partial method without a body, and without [LibraryImport].
        "public static partial class Libc { [AsyncSyscall] public static partial int fsync(int fd); }",
        // extern without [DllImport].
        "public static unsafe partial class Libc { [AsyncSyscall] public static extern nint read(int fd, byte* b, nuint n); }",
        // Method without a name.
        "public static partial class Libc { [AsyncSyscall] public static int (int fd) => 0; }",
        // Attribute on things that are not methods.
        "[AsyncSyscall] public partial class Libc { [AsyncSyscall] public int Value { get; } }",
        // Local function and top-level statements.
        "void Local() { [AsyncSyscall] static int Read(int fd) => 0; }",
        // __arglist, params, default values, nullable and tuple types.
        "public static partial class Libc { [AsyncSyscall] public static int Print(int fd, __arglist) => 0; }",
        "public static partial class Libc { [AsyncSyscall] public static int Many(int fd, params int[] values) => 0; }",
        "public static partial class Libc { [AsyncSyscall] public static (int, string?) Pair(int? fd = null, string? name = default) => default; }",
        // Two attributes, and an overload pair.
        "public static partial class Libc { [AsyncSyscall, AsyncSyscall] public static int Read(int fd) => 0; [AsyncSyscall] public static int Read(long fd) => 0; }",
        // Interface, record and enum containers.
        "public partial interface IDevice { [AsyncSyscall] static int Reset(int fd) => 0; }",
        "public partial record Device(int Fd) { [AsyncSyscall] public int Reset(int how) => how; }",
        // Keywords as names.
        "public static partial class Libc { [AsyncSyscall] public static int @event(int @class, out int @return) { @return = 0; return 0; } }",
        // A class whose opening brace was deleted, and a method straight in a namespace: the compiler puts them in a
        // class of its own ('<invalid-global-code>'), whose name once made the generator throw (edit fuzzing found it).
        "namespace N { public static partial class Libc [AsyncSyscall] public static int Flock(int fd, int operation) => 0; } }",
        "namespace N { [AsyncSyscall] public static int Flock(int fd, int operation) => 0; }",
        // Poll with a wrong shape, statx with a managed out struct.
        "public static unsafe partial class Libc { [AsyncSyscall(RingOp.Poll)] public static int poll(int fd) => 0; [AsyncSyscall] public static int statx(int d, string p, int f, uint m, out string s) { s = \"\"; return 0; } }",
    };

    [Theory]
    [MemberData(nameof(BrokenInputs))]
    public async Task Generator_and_analyzer_never_throw(string source)
    {
        Compilation input = GeneratorHarness.Compile("using System; using System.Runtime.InteropServices; using AsyncSys;\n" + source);

        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);

        Assert.Null(run.Results[0].Exception);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id is "CS8784" or "CS8785");
        // A failure inside the generator is no longer swallowed: it would show here as ASYS0000.
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "ASYS0000");
        await GeneratorHarness.AnalyzeAsync(output);
    }

    [Fact]
    public async Task A_wrapper_outside_any_type_is_refused_and_the_others_are_still_generated()
    {
        const string source = """
            using AsyncSys;
            namespace N
            {
                public static partial class Good
                {
                    [AsyncSyscall] public static int Flock(int fd, int operation) => 0;
                }

                public static partial class Broken
                    [AsyncSyscall] public static int Lost(int fd) => 0;
                }
            }
            """;
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Assert.Null(run.Results[0].Exception);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id is "CS8784" or "CS8785" or "ASYS0000");
        GeneratedSourceResult generated = Assert.Single(run.Results[0].GeneratedSources);
        Assert.Contains("FlockAsync", generated.SourceText.ToString());

        Diagnostic refusal = Assert.Single(await GeneratorHarness.AnalyzeAsync(output), d => d.Id == "ASYS0001");
        Assert.Contains("'Lost' is not inside a type declaration", refusal.GetMessage());
        Assert.Equal(9, refusal.Location.GetLineSpan().StartLinePosition.Line);
    }
}
