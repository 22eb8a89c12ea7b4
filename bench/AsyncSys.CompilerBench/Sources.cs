using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncSys.CompilerBench;

/// <summary>The inputs: 1,000 annotated wrappers, and a large file of async code calling them.</summary>
internal static class Sources
{
    internal static readonly CSharpParseOptions Parse = new(LanguageVersion.Latest);

    internal static string Wrappers(int count)
    {
        var text = new StringBuilder("using System; using System.Runtime.InteropServices; using AsyncSys;\nnamespace Many;\npublic static unsafe partial class Libc\n{\n");
        for (int i = 0; i < count / 2; i++)
        {
            text.Append("    [LibraryImport(\"libc\", EntryPoint = \"pread\", SetLastError = true)] [AsyncSyscall] public static partial nint PRead")
                .Append(i).Append("(int fd, byte* buffer, nuint count, long offset);\n");
            text.Append("    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)] public static int Lock").Append(i).Append("(int fd, int operation, out int previous) { previous = 0; return 0; }\n");
        }

        return text.Append("}\n").ToString();
    }

    /// <summary>Async methods that await ring operations and read errno: the code the analyzers inspect.</summary>
    internal static string Callers(int methods)
    {
        var text = new StringBuilder("using System; using System.Threading; using System.Threading.Tasks; using System.Runtime.InteropServices; using AsyncSys;\nnamespace Many;\npublic static class Callers\n{\n");
        for (int i = 0; i < methods; i++)
        {
            text.Append("    public static async Task<int> Work").Append(i).Append("(IoRing ring, int fd, byte[] buffer, CancellationToken ct)\n    {\n")
                .Append("        int total = 0;\n")
                .Append("        for (int j = 0; j < 4; j++)\n        {\n")
                .Append("            total += await ring.ReadAsync(fd, buffer, j * 4096L, ct);\n")
                .Append("            if (total < 0) { return Marshal.GetLastPInvokeError(); }\n        }\n")
                .Append("        await ring.FsyncAsync(fd, ct);\n")
                .Append("        return total + Environment.CurrentManagedThreadId;\n    }\n");
        }

        return text.Append("}\n").ToString();
    }

    internal static CSharpCompilation Compilation(params string[] sources)
    {
        string runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        ImmutableArray<MetadataReference> references = Directory.GetFiles(runtimeDirectory, "*.dll")
            .Where(f => !f.Contains("Native", System.StringComparison.Ordinal))
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
            .Append(MetadataReference.CreateFromFile(typeof(IoRing).Assembly.Location))
            .ToImmutableArray();
        return CSharpCompilation.Create(
            "Bench",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, Parse)),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
    }
}
