using System;
using System.Collections.Generic;
using AsyncSys.Generator;
using AsyncSys.Generator.Model;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1001: the P/Invokes known to return 0 on success and -1 (with errno) on failure, so that <c>r != 0</c> is their
/// failure side and <c>r == 0</c> their success. For any other call a comparison with 0 alone says nothing: a BOOL
/// returned as <c>int</c> fails with 0, <c>read</c> succeeds with any count. Known from the generator's table of libc
/// calls (<see cref="KnownSyscalls"/>: <c>ZeroOnSuccess</c> with the -1-and-errno convention), plus the memory calls that
/// table has no use for, from their man pages; never guessed from the name of an unknown function.
/// </summary>
internal static class ErrnoZeroOnSuccess
{
    // mmap(2)'s companions: not ring or worker operations, so not in the generator's table. Each returns 0 or -1 and errno.
    private static readonly string[] MemoryCalls = { "msync", "madvise", "mprotect", "munmap", "mlock", "munlock", "mlockall", "munlockall" };

    // Built once: entry point names compared as the generator's Find does when no exact match exists (Fsync finds fsync).
    private static readonly HashSet<string> Names = Build();

    /// <summary>Whether <paramref name="method"/>, a P/Invoke, is one of the calls that return 0 on success and -1 on failure.</summary>
    public static bool Is(IMethodSymbol method) => Names.Contains(EntryPoint(method.OriginalDefinition));

    private static HashSet<string> Build()
    {
        var names = new HashSet<string>(MemoryCalls, StringComparer.OrdinalIgnoreCase);
        var others = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (SyscallShape shape in KnownSyscalls.All)
        {
            (shape.ZeroOnSuccess && shape.Returns == ReturnConvention.MinusOneAndErrno ? names : others).Add(shape.EntryPoint);
        }

        // An entry point with another shape too (fcntl's) is not known to return only 0.
        names.ExceptWith(others);
        return names;
    }

    // The libc symbol: DllImport's or LibraryImport's EntryPoint, else the method's name.
    private static string EntryPoint(IMethodSymbol method)
    {
        if (method.GetDllImportData() is { EntryPointName: { Length: > 0 } dllEntryPoint })
        {
            return dllEntryPoint;
        }

        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass?.Name != "LibraryImportAttribute")
            {
                continue;
            }

            foreach (KeyValuePair<string, TypedConstant> pair in attribute.NamedArguments)
            {
                if (pair.Key == "EntryPoint" && pair.Value.Value is string { Length: > 0 } entryPoint)
                {
                    return entryPoint;
                }
            }
        }

        return method.Name;
    }
}
