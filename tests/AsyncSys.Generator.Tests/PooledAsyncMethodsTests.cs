using System.Linq;
using AsyncSys.Generator.Emit;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace AsyncSys.Generator.Tests;

/// <summary>
/// With ASYNCSYS_UNPOOLED_ASYNC_METHODS defined (the package defines it for <c>AsyncSysPooledAsyncMethods=false</c>),
/// generated async methods and local functions use the default ValueTask builder, not PoolingAsyncValueTaskMethodBuilder:
/// for an assembly loaded into a collectible AssemblyLoadContext and unloaded (docs/generator.md). Without it, every one
/// of them is pooled. The generated text is the same either way; the compiler's preprocessor decides.
/// </summary>
public sealed class PooledAsyncMethodsTests
{
    // A worker call (async: it converts the call's result) and ring calls with a wrapper fallback (their local functions).
    private const string Wrappers = """
        using System;
        using System.Runtime.InteropServices;
        using AsyncSys;

        public static partial class Libc
        {
            [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
            public static int SyncFs(int fd) => fd;

            [DllImport("libc", SetLastError = true)]
            [AsyncSyscall]
            public static extern unsafe nint pread(int fd, byte* buf, nuint count, long offset);

            [DllImport("libc", SetLastError = true)]
            [AsyncSyscall]
            public static extern int fsync(int fd);
        }
        """;

    [Theory]
    [InlineData(false, 4)]
    [InlineData(true, 0)]
    public void The_symbol_decides_whether_generated_async_methods_use_the_pooling_builder(bool unpooled, int pooledMethods)
    {
        CSharpParseOptions options = unpooled
            ? GeneratorHarness.ParseOptions.WithPreprocessorSymbols(CallBodyEmitter.UnpooledSymbol)
            : GeneratorHarness.ParseOptions;
        Compilation input = GeneratorHarness.Compile(options, Wrappers);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new AsyncSyscallGenerator().AsSourceGenerator() }, parseOptions: options)
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);

        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));

        // Every async method and local function the generator wrote, and the builder the compiler sees on it.
        var asyncMethods = output.SyntaxTrees.Skip(1)
            .SelectMany(tree => tree.GetRoot().DescendantNodes()
                .Where(node => node is MethodDeclarationSyntax { Modifiers: var m } && m.Any(SyntaxKind.AsyncKeyword)
                    || node is LocalFunctionStatementSyntax { Modifiers: var l } && l.Any(SyntaxKind.AsyncKeyword))
                .Select(node => (IMethodSymbol)output.GetSemanticModel(tree).GetDeclaredSymbol(node)!))
            .ToList();
        Assert.Equal(4, asyncMethods.Count); // what these three wrappers get (a test that finds none could not fail)
        int pooled = asyncMethods.Count(method => method.GetAttributes().Any(a =>
            a.AttributeClass?.Name == "AsyncMethodBuilderAttribute"
            && a.ConstructorArguments[0].Value is INamedTypeSymbol { Name: "PoolingAsyncValueTaskMethodBuilder" }));
        Assert.Equal(pooledMethods, pooled);
    }
}
