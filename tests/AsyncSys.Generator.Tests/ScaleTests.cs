using System.Diagnostics;
using System.Text;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace AsyncSys.Generator.Tests;

/// <summary>A thousand wrappers, half on the ring and half offloaded, all generate; the time is logged for the benchmark to compare.</summary>
public sealed class ScaleTests
{
    private readonly ITestOutputHelper _output;

    public ScaleTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void A_thousand_wrappers_generate_a_thousand_files()
    {
        var source = new StringBuilder("using System; using System.Runtime.InteropServices; using AsyncSys;\nnamespace Many;\npublic static unsafe partial class Libc\n{\n");
        for (int i = 0; i < 500; i++)
        {
            source.Append("    [LibraryImport(\"libc\", EntryPoint = \"pread\", SetLastError = true)] [AsyncSyscall] public static partial nint PRead")
                .Append(i).Append("(int fd, byte* buffer, nuint count, long offset);\n");
            source.Append("    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)] public static int Lock").Append(i).Append("(int fd, int operation, out int previous) { previous = 0; return 0; }\n");
        }

        source.Append("}\n");
        Compilation compilation = GeneratorHarness.Compile(source.ToString());

        var clock = Stopwatch.StartNew();
        GeneratorDriverRunResult run = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult();
        clock.Stop();

        Assert.Null(run.Results[0].Exception);
        Assert.Equal(1000, run.Results[0].GeneratedSources.Length);
        _output.WriteLine("1,000 wrappers generated in " + clock.ElapsedMilliseconds + " ms");
    }
}
