using System.Linq;
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
}
