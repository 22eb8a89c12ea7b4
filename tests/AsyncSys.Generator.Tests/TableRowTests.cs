using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Generator.Model;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Tests;

/// <summary>
/// A canonical wrapper for every row of the table of known libc calls (the C types of its man page, as a
/// DllImport) generates, compiles without a warning against the real runtime, draws no diagnostic, and runs
/// where the row says: on the ring as its operation, or on a worker; a row with offset pointers the kernel advances
/// runs on a worker whatever its operation, and returns them.
/// </summary>
public sealed class TableRowTests
{
    public static TheoryData<int> Rows()
    {
        var rows = new TheoryData<int>();
        for (int i = 0; i < KnownSyscalls.All.Count; i++)
        {
            rows.Add(i);
        }

        return rows;
    }

    /// <summary>Every row's wrapper in its own class of one compilation: one generator and analyzer run serves every case.</summary>
    private static readonly System.Lazy<Task<(GeneratorDriverRunResult Run, ImmutableArray<Diagnostic> Analyzer, List<Diagnostic> Problems)>> AllRows = new(RunAllRowsAsync);

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task The_canonical_wrapper_of_every_table_row_generates_and_compiles(int row)
    {
        SyscallShape shape = KnownSyscalls.All[row];
        string declaration = CanonicalDeclaration(shape);
        (GeneratorDriverRunResult run, ImmutableArray<Diagnostic> analyzer, List<Diagnostic> problems) = await AllRows.Value;
        string file = "Input" + (row + 1) + ".cs";
        string type = "Row" + row + ".";

        Assert.True(!analyzer.Any(d => d.Location.GetLineSpan().Path == file), declaration + "\n" + string.Join("\n", analyzer.Where(d => d.Location.GetLineSpan().Path == file)));
        GeneratedSourceResult generated = Assert.Single(run.Results[0].GeneratedSources, s => s.HintName.StartsWith(type, System.StringComparison.Ordinal));
        var mine = problems.Where(d => d.Location.SourceTree?.FilePath.EndsWith(generated.HintName, System.StringComparison.Ordinal) == true).ToList();
        Assert.True(mine.Count == 0, declaration + "\n" + string.Join("\n", mine));
        string source = generated.SourceText.ToString();
        if (HasOffsetPointers(shape))
        {
            // off_t* the kernel advances (splice, sendfile, copy_file_range): the ring takes offsets by value and
            // writes nothing back, so a worker runs the call and each advanced offset comes back, null for NULL.
            Assert.Contains("ring.RunBlockingAsync(", source);
            for (int i = 0; i < shape.Roles.Length; i++)
            {
                if (shape.Roles[i] is ParameterRole.OffsetPointer or ParameterRole.OffsetPointer2)
                {
                    Assert.Contains("long? p" + i + ",", source);
                    Assert.Contains("long? P" + i, source);
                }
            }
        }
        else if (shape.Op == RingOpKind.None || shape.Op == RingOpKind.Poll)
        {
            // poll's pollfd array, nfds and timeout: the ring polls one descriptor without a timeout, so only a wrapper
            // stating RingOp.Poll goes there; as declared, a worker runs it.
            Assert.Contains("ring.RunBlockingAsync(", source);
        }
        else
        {
            Assert.Contains("global::AsyncSys.RingRequest." + RequestName(shape.Op) + "(", source);
        }
    }

    private static async Task<(GeneratorDriverRunResult, ImmutableArray<Diagnostic>, List<Diagnostic>)> RunAllRowsAsync()
    {
        var sources = new List<string>
        {
            """
            using System.Runtime.InteropServices;
            [StructLayout(LayoutKind.Sequential)] public struct PollFd { public int Fd; public short Events; public short Revents; }
            [StructLayout(LayoutKind.Sequential)] public unsafe struct Iovec { public void* Base; public nuint Length; }
            [StructLayout(LayoutKind.Sequential)] public unsafe struct Stat { public fixed byte Bytes[144]; }
            [StructLayout(LayoutKind.Sequential, Pack = 4)] public struct EpollEvent { public uint Events; public ulong Data; }
            """,
        };
        for (int row = 0; row < KnownSyscalls.All.Count; row++)
        {
            sources.Add("using System; using System.Runtime.InteropServices; using AsyncSys;\npublic static unsafe partial class Row" + row + "\n{\n    " +
                CanonicalDeclaration(KnownSyscalls.All[row]) + "\n}\n");
        }

        Compilation input = GeneratorHarness.Compile(sources.ToArray());
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);
        ImmutableArray<Diagnostic> analyzer = await GeneratorHarness.AnalyzeAsync(output);
        return (run, analyzer, GeneratorHarness.CompilerProblems(output));
    }

    private static bool HasOffsetPointers(SyscallShape shape) =>
        shape.Roles.Any(role => role is ParameterRole.OffsetPointer or ParameterRole.OffsetPointer2);

    private static string RequestName(RingOpKind op) => op switch
    {
        RingOpKind.Fadvise => "Fadvise",
        _ => op.ToString(),
    };

    /// <summary>The declaration a man page gives, in C#'s blittable types.</summary>
    private static string CanonicalDeclaration(SyscallShape shape)
    {
        var parameters = new List<string>();
        for (int i = 0; i < shape.Roles.Length; i++)
        {
            string type = shape.Roles[i] switch
            {
                ParameterRole.Fd or ParameterRole.DirFd or ParameterRole.Fd2 or ParameterRole.DirFd2 => "int",
                ParameterRole.InBuffer or ParameterRole.OutBuffer or ParameterRole.InAddress or ParameterRole.OutAddress or ParameterRole.StatxBuffer => "byte*",
                ParameterRole.BufferLength => "nuint",
                ParameterRole.OutElements or ParameterRole.InValue => "EpollEvent*",
                ParameterRole.Vectors => "Iovec*",
                ParameterRole.VectorCount => "int",
                ParameterRole.Offset => "long",
                ParameterRole.OffsetPointer or ParameterRole.OffsetPointer2 => "long*",
                ParameterRole.Path or ParameterRole.Path2 => "byte*",
                ParameterRole.Mask => "uint",
                ParameterRole.Flags or ParameterRole.Mode or ParameterRole.Length or ParameterRole.Advice or ParameterRole.How or ParameterRole.Value => "int",
                ParameterRole.PollFds => "PollFd*",
                ParameterRole.PollCount => "nuint",
                ParameterRole.PollTimeout => "int",
                ParameterRole.AddressLength => "uint",
                ParameterRole.AddressLengthPointer => "uint*",
                ParameterRole.MessageHeader => "nint",
                ParameterRole.OutValue => "Stat*",
                ParameterRole.OutFdPair => "int*",
                ParameterRole.Argument => "nint",
                _ => throw new System.InvalidOperationException("no canonical type for " + shape.Roles[i]),
            };
            parameters.Add(type + " p" + i);
        }

        string returnType = shape.Returns == ReturnConvention.ErrorNumber || shape.ZeroOnSuccess ? "int" : "nint";
        return "[DllImport(\"libc\", EntryPoint = \"" + shape.EntryPoint + "\", SetLastError = true)] [AsyncSyscall] public static extern " +
            returnType + " Call_" + shape.EntryPoint + "(" + string.Join(", ", parameters) + ");";
    }
}
