using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncSys.Generator.Tests;

/// <summary>
/// <c>CLong</c>/<c>CULong</c> (C's long, as newer bindings declare ssize_t, off_t and syscall(2)'s number) in a real build:
/// compiled against the targeting pack's reference assemblies, where the struct's private field is not the runtime's
/// (a placeholder, not its <c>nint</c>), so nothing may be read from it. Held-out round 24: the held-out compilations use the
/// runtime's own assemblies, where the field happens to be right, and syscall(2) wrappers with a <c>CLong number</c> were
/// refused (ASYS0016: "neither a constant nor an integer parameter") although the number is the caller's integer.
/// </summary>
public sealed class CLongTests
{
    private const string Source = """
        using System.Runtime.InteropServices;
        using AsyncSys;

        public static partial class Libc
        {
            [DllImport("libc", EntryPoint = "lseek", SetLastError = true)]
            [AsyncSyscall]
            public static extern CLong Seek(int fd, CLong offset, int whence);

            [DllImport("libc", EntryPoint = "write", SetLastError = true)]
            [AsyncSyscall]
            public static extern unsafe CLong Write(int fd, void* buf, CULong count);

            [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
            [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
            public static extern CLong IoprioGet(CLong number, int which, int who);
        }
        """;

    [Fact]
    public async Task CLong_results_arguments_and_syscall_numbers_work_when_compiled_against_reference_assemblies()
    {
        string? referenceDirectory = ReferencePack();
        Assert.True(referenceDirectory is not null, "no Microsoft.NETCore.App.Ref reference assemblies next to the runtime");
        var references = Directory.GetFiles(referenceDirectory!, "*.dll").Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(IoRing).Assembly.Location));
        CSharpCompilation input = CSharpCompilation.Create(
            "CLongInput",
            new[] { CSharpSyntaxTree.ParseText(Source, GeneratorHarness.ParseOptions) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable,
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1591"] = ReportDiagnostic.Suppress }));

        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);
        Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("; ", emitted.Diagnostics));
        Type libc = Assembly.Load(image.ToArray()).GetType("Libc")!;

        // A failure (-1 in a CLong) is an ErrnoException, not a success value and not NotSupportedException from a bit cast
        // between the struct and a field of another size.
        Exception? closed = await Record(() => Variant(libc, "SeekAsync").Invoke(null, new object[] { 999_999, new CLong(0), 0, CancellationToken.None })!);
        Assert.Equal(Errno.EBADF, Assert.IsType<ErrnoException>(closed).Errno);

        string path = Path.Combine(Path.GetTempPath(), "asyncsys-clong-" + Guid.NewGuid().ToString("N"));
        try
        {
            using Microsoft.Win32.SafeHandles.SafeFileHandle file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite);
            int fd = (int)file.DangerousGetHandle();
            object written = await Result(Variant(libc, "WriteAsync").Invoke(null, new object[] { fd, new ReadOnlyMemory<byte>(new byte[] { 1, 2, 3, 4, 5 }), CancellationToken.None })!);
            Assert.Equal((nint)5, ((CLong)written).Value);
            object position = await Result(Variant(libc, "SeekAsync").Invoke(null, new object[] { fd, new CLong(2), 0, CancellationToken.None })!);
            Assert.Equal((nint)2, ((CLong)position).Value);
        }
        finally
        {
            File.Delete(path);
        }

        // syscall(2) with a CLong number: the variant checks the number and the argument that decides (ioprio_get's who).
        MethodInfo ioprio = Variant(libc, "IoprioGetAsync");
        object own = await Result(ioprio.Invoke(null, new object[] { new CLong(252), 1, Environment.ProcessId, CancellationToken.None })!);
        Assert.True(((CLong)own).Value >= 0);
        ArgumentException who = Assert.IsType<ArgumentException>(await Record(() => ioprio.Invoke(null, new object[] { new CLong(252), 1, 0, CancellationToken.None })!));
        Assert.Equal("who", who.ParamName);
        ArgumentException number = Assert.IsType<ArgumentException>(await Record(() => ioprio.Invoke(null, new object[] { new CLong(186), 0, 0, CancellationToken.None })!));
        Assert.Equal("number", number.ParamName);
    }

    /// <summary>The overload on IoRing.Shared (no ring parameter).</summary>
    private static MethodInfo Variant(Type type, string name) =>
        type.GetMethods().Single(m => m.Name == name && m.GetParameters()[0].ParameterType != typeof(IoRing));

    private static async Task<object> Result(object valueTask)
    {
        Task task = (Task)valueTask.GetType().GetMethod("AsTask")!.Invoke(valueTask, null)!;
        await task;
        return task.GetType().GetProperty("Result")!.GetValue(task)!;
    }

    private static async Task<Exception?> Record(Func<object> call)
    {
        try
        {
            await Result(call());
            return null;
        }
        catch (TargetInvocationException e)
        {
            return e.InnerException;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static string? ReferencePack()
    {
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string packs = Path.Combine(Path.GetFullPath(Path.Combine(runtime, "..", "..", "..")), "packs", "Microsoft.NETCore.App.Ref");
        string version = Path.GetFileName(runtime);
        string? pack = Directory.Exists(packs)
            ? Directory.GetDirectories(packs).OrderByDescending(d => Path.GetFileName(d) == version).ThenByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        string? directory = pack is null ? null : Directory.GetDirectories(Path.Combine(pack, "ref")).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault();
        return directory is not null && File.Exists(Path.Combine(directory, "System.Runtime.dll")) ? directory : null;
    }
}
