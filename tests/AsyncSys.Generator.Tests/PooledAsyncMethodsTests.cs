using System.Collections.Generic;
using System.Linq;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AsyncSys.Generator.Tests;

/// <summary>
/// AsyncSysPooledAsyncMethods=false: generated async methods use the default ValueTask builder, not
/// PoolingAsyncValueTaskMethodBuilder, for an assembly loaded into a collectible AssemblyLoadContext and unloaded
/// (the pooling builder keeps state machines in statics of generic types over the assembly's types; hosts that unloaded
/// such assemblies crashed on .NET 10: docs/reliability.md). Unset, or anything but false, the builder is pooled.
/// </summary>
public sealed class PooledAsyncMethodsTests
{
    // A worker call (async: it converts the call's result) and a ring call with a wrapper fallback (its local function).
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

    public static TheoryData<string, bool> Builds => new()
    {
        { "", true },
        { "AsyncSysPooledAsyncMethods=true", true },
        { "AsyncSysPooledAsyncMethods=false", false },
        { "AsyncSysPooledAsyncMethods= False ", false }, // MSBuild ignores case; the value may carry spaces
    };

    [Theory]
    [MemberData(nameof(Builds))]
    public void The_property_decides_whether_generated_async_methods_use_the_pooling_builder(string properties, bool pooled)
    {
        var buildProperties = properties.Length == 0
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { [properties.Split('=')[0]] = properties.Split('=')[1] };
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(Wrappers), buildProperties);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
        string generated = string.Join("\n", run.Results[0].GeneratedSources.Select(source => source.SourceText.ToString()));
        Assert.Contains("SyncFsAsync", generated, System.StringComparison.Ordinal);
        Assert.Contains(" async ", generated, System.StringComparison.Ordinal);
        Assert.Equal(pooled, generated.Contains("PoolingAsyncValueTaskMethodBuilder", System.StringComparison.Ordinal));
        int builders = System.Text.RegularExpressions.Regex.Count(generated, @"AsyncMethodBuilder\(");
        Assert.Equal(pooled ? 4 : 0, builders); // every async method and local function these three wrappers get
    }
}
