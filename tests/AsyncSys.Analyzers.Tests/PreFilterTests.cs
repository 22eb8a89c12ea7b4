using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// The rules look only at code whose tokens mention what they look for, with names this compilation chooses read
/// from declarations (CodeIndex, DeclaredNames). These are the shapes where such names come from elsewhere: another
/// file, another assembly, a variant name that does not end in Async, top-level statements.
/// </summary>
public sealed class PreFilterTests
{
    [Fact]
    public async Task Wrappers_and_variants_declared_in_a_referenced_assembly_are_seen()
    {
        // The wrappers live in a library compiled with the real generator; the variant has a name of its own.
        const string library = """
            using System.Runtime.InteropServices;
            using AsyncSys;
            namespace Lib;
            public static partial class Files
            {
                [LibraryImport("libc", SetLastError = true)]
                [AsyncSyscall(RingOp.None, MethodName = "SyncLater", Errors = SyscallErrors.MinusOneAndErrno)]
                public static partial int fsync(int fd);
            }
            """;
        Compilation libraryCompilation = Generated(CSharpCompilation.Create(
            "Lib", new[] { CSharpSyntaxTree.ParseText(library, TestCompilation.ParseOptions) }, TestCompilation.References, TestCompilation.Options));
        MetadataReference reference = Emit(libraryCompilation);

        const string consumer = """
            using System.Threading;
            using System.Threading.Tasks;
            static class Use
            {
                static async Task M(int fd, CancellationToken ct)
                {
                    _ = Lib.Files.SyncLater(fd, ct);
                    Lib.Files.fsync(fd);
                    await Task.Yield();
                }
            }
            """;
        var compilation = CSharpCompilation.Create(
            "Consumer", new[] { CSharpSyntaxTree.ParseText(consumer, TestCompilation.ParseOptions, path: "Use.cs") },
            TestCompilation.References.Add(reference), TestCompilation.Options);
        TestCompilation.AssertCompiles(compilation, "The consumer");

        string[] reported = await ReportsAsync(compilation, new AsyncSyscallResultNotObservedAnalyzer(), new BlockingWrapperInAsyncMethodAnalyzer());
        Assert.Equal(new[] { "ASYS1006 (7,13) Lib.Files.SyncLater(fd, ct)", "ASYS1007 (8,9) Lib.Files.fsync(fd)" }, reported);
    }

    [Fact]
    public async Task Errno_readers_of_known_libraries_are_followed_from_metadata()
    {
        // Library members from metadata count by the documented table (their bodies are not read), helpers of this
        // compilation by their bodies. Other.LibC.errno is not in the table: a metadata body is never followed.
        const string library = """
            namespace Tmds.Linux { public static class LibC { public static int errno => System.Environment.ProcessorCount; } }
            namespace Mono.Unix.Native { public enum Errno { EINTR = 4 } public static class Stdlib { public static Errno GetLastError() => Errno.EINTR; } }
            namespace Other { public static class LibC { public static int errno => System.Runtime.InteropServices.Marshal.GetLastWin32Error(); } }
            """;
        MetadataReference reference = Emit(CSharpCompilation.Create(
            "Lib", new[] { CSharpSyntaxTree.ParseText(library, TestCompilation.ParseOptions) }, TestCompilation.References, TestCompilation.Options));

        const string consumer = """
            using System.Runtime.InteropServices;
            using System.Threading.Tasks;
            static class Use
            {
                [DllImport("libc", SetLastError = true)] static extern int close(int fd);
                static async Task<int> M(int fd)
                {
                    if (close(fd) != 0) { await Task.Yield(); return Tmds.Linux.LibC.errno; }
                    if (close(fd) != 0) { await Task.Yield(); return (int)Mono.Unix.Native.Stdlib.GetLastError(); }
                    if (close(fd) != 0) { await Task.Yield(); return Other.LibC.errno; }
                    if (close(fd) != 0) { return Tmds.Linux.LibC.errno; }
                    return 0;
                }
            }
            """;
        var compilation = CSharpCompilation.Create(
            "Consumer", new[] { CSharpSyntaxTree.ParseText(consumer, TestCompilation.ParseOptions, path: "Use.cs") },
            TestCompilation.References.Add(reference), TestCompilation.Options);
        TestCompilation.AssertCompiles(compilation, "The consumer");

        string[] reported = await ReportsAsync(compilation, new ErrnoReadTooLateAnalyzer());
        Assert.Equal(new[] { "ASYS1001 (8,58) Tmds.Linux.LibC.errno", "ASYS1001 (9,63) Mono.Unix.Native.Stdlib.GetLastError()" }, reported);
    }

    [Fact]
    public Task RingRequest_named_through_a_using_alias_is_seen() => AnalyzerVerifier<StackMemoryInFlightAnalyzer>.VerifyAsync("""
        using Req = AsyncSys.RingRequest;
        static unsafe class C
        {
            struct MessageHeader { public nint Name; public int NameLength; }

            static Req M(int fd)
            {
                MessageHeader header = default;
                return Req.SendMsg(fd, {|ASYS1004:(nint)(&header)|}, 0);
            }
        }
        """);

    [Fact]
    public Task RingRequest_factories_imported_with_using_static_are_seen() => AnalyzerVerifier<StackMemoryInFlightAnalyzer>.VerifyAsync("""
        using static AsyncSys.RingRequest;
        static unsafe class C
        {
            struct MessageHeader { public nint Name; public int NameLength; }

            // Nothing in the method names RingRequest: only the using static brings its factories in.
            static object M(int fd)
            {
                MessageHeader header = default;
                return SendMsg(fd, {|ASYS1004:(nint)(&header)|}, 0);
            }
        }
        """);

    [Fact]
    public Task ThreadStatic_and_AsyncSyscall_attributes_through_using_aliases_are_seen() => AnalyzerVerifier<ThreadAffineStateAnalyzer>.VerifyAsync("""
        using System.Runtime.InteropServices;
        using System.Threading;
        using System.Threading.Tasks;
        using AsyncSys;
        using PerThread = System.ThreadStaticAttribute;
        using Offloaded = AsyncSys.AsyncSyscallAttribute;
        static class C
        {
            [PerThread] static int t_depth;

            [DllImport("libc", SetLastError = true)]
            static extern int flock(int fd, int operation);

            [Offloaded(RingOp.None)]
            static int Lock(int fd) => flock(fd, {|ASYS1002:t_depth|});

            static ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;

            static async Task Nest()
            {
                int saved = t_depth;
                t_depth = saved + 1;
                await Task.Yield();
                t_depth = {|ASYS1002:saved|};
            }
        }
        """);

    [Fact]
    public Task Lambdas_in_primary_constructor_base_arguments_are_seen() => AnalyzerVerifier<ErrnoReadTooLateAnalyzer>.VerifyAsync("""
        using System;
        using System.Runtime.InteropServices;
        using System.Threading.Tasks;
        abstract class Pump(Func<Task<int>> step)
        {
            public Func<Task<int>> Step { get; } = step;
        }

        sealed class SyncPump(int fd) : Pump(async () =>
        {
            if (fsync(fd) != 0)
            {
                await Task.Yield();
                return {|ASYS1001:Marshal.GetLastPInvokeError()|};
            }

            return 0;
        })
        {
            [DllImport("libc", SetLastError = true)]
            static extern int fsync(int fd);
        }
        """);

    [Fact]
    public async Task Per_thread_state_declared_in_another_file_is_seen()
    {
        const string state = """
            using System;
            static class State
            {
                [ThreadStatic] internal static int t_depth;
                internal static int Owner => Environment.CurrentManagedThreadId;
            }
            """;
        const string use = """
            using System.Threading.Tasks;
            static class Use
            {
                static async Task<int> M()
                {
                    int saved = State.t_depth;
                    int owner = State.Owner;
                    await Task.Yield();
                    State.t_depth = saved;
                    return owner * 2;
                }
            }
            """;
        var compilation = CSharpCompilation.Create(
            "TwoFiles",
            new[] { CSharpSyntaxTree.ParseText(state, TestCompilation.ParseOptions, path: "State.cs"), CSharpSyntaxTree.ParseText(use, TestCompilation.ParseOptions, path: "Use.cs") },
            TestCompilation.References, TestCompilation.Options);
        TestCompilation.AssertCompiles(compilation, "The two files");

        string[] reported = await ReportsAsync(compilation, new ThreadAffineStateAnalyzer());
        Assert.Equal(new[] { "ASYS1002 (10,16) owner", "ASYS1002 (9,25) saved" }, reported);
    }

    [Fact]
    public async Task Top_level_statements_are_analyzed()
    {
        const string program = """
            using System.Runtime.InteropServices;
            using System.Threading.Tasks;

            int rc = Native.fsync(3);
            await Task.Yield();
            if (rc < 0)
            {
                System.Console.WriteLine(Marshal.GetLastPInvokeError());
            }

            static partial class Native
            {
                [DllImport("libc", SetLastError = true)]
                public static extern int fsync(int fd);
            }
            """;
        var compilation = CSharpCompilation.Create(
            "Program", new[] { CSharpSyntaxTree.ParseText(program, TestCompilation.ParseOptions, path: "Program.cs") },
            TestCompilation.References, TestCompilation.Options.WithOutputKind(OutputKind.ConsoleApplication));
        TestCompilation.AssertCompiles(compilation, "The program");

        string[] reported = await ReportsAsync(compilation, new ErrnoReadTooLateAnalyzer());
        Assert.Equal(new[] { "ASYS1001 (8,30) Marshal.GetLastPInvokeError()" }, reported);
    }

    private static Compilation Generated(Compilation compilation)
    {
        CSharpGeneratorDriver.Create(CorpusRun.Generators(), parseOptions: TestCompilation.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out ImmutableArray<Diagnostic> problems);
        Assert.Empty(problems.Where(p => p.Severity == DiagnosticSeverity.Error));
        TestCompilation.AssertCompiles(generated, "The library");
        return generated;
    }

    // A real assembly image, so the consumer sees the wrappers as metadata, as it would from a package.
    private static MetadataReference Emit(Compilation compilation)
    {
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    private static async Task<string[]> ReportsAsync(Compilation compilation, params DiagnosticAnalyzer[] analyzers)
    {
        var ids = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToImmutableHashSet();
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(analyzers.ToImmutableArray()).GetAnalyzerDiagnosticsAsync();
        return diagnostics
            .Where(d => ids.Contains(d.Id))
            .Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Id} ({d.Location.GetLineSpan().StartLinePosition.Line + 1},{d.Location.GetLineSpan().StartLinePosition.Character + 1}) {d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)}"))
            .OrderBy(s => s, System.StringComparer.Ordinal)
            .ToArray();
    }
}
