using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncSys.Generator;

/// <summary>
/// Whether generated async methods use <c>PoolingAsyncValueTaskMethodBuilder</c> (the default: converting a ring's
/// result then allocates nothing per call). The MSBuild property <c>AsyncSysPooledAsyncMethods=false</c> turns it
/// off, for an assembly loaded into a collectible <c>AssemblyLoadContext</c> and unloaded at run time: the builder keeps
/// its pooled state machines in statics of generic types over the assembly's own types, and hosts that unloaded such
/// assemblies over and over crashed in the GC on .NET 10 (docs/reliability.md, tools/unload-repro).
/// </summary>
internal static class PooledAsyncMethods
{
    public static bool AreOn(AnalyzerConfigOptions globalOptions) =>
        !(globalOptions.TryGetValue("build_property.AsyncSysPooledAsyncMethods", out string? value)
          && string.Equals(value.Trim(), "false", StringComparison.OrdinalIgnoreCase)); // MSBuild ignores case
}
