using System;
using AsyncSys.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Model;

internal static partial class WrapperInspector
{
    /// <summary>
    /// Windows' system libraries (compared without a ".dll" suffix, ignoring case): an import of them is a Windows API
    /// (kernel32's ReadFile, ws2_32's recv), which Linux does not have.
    /// </summary>
    private static readonly string[] WindowsLibraries =
    {
        "kernel32", "kernelbase", "ntdll", "user32", "advapi32", "ws2_32", "wsock32", "msvcrt", "ucrtbase", "shell32", "ole32",
        "oleaut32", "bcrypt", "crypt32", "secur32", "iphlpapi", "winmm", "mswsock", "psapi", "dbghelp", "userenv", "netapi32",
    };

    /// <summary>
    /// An import the variant cannot stand for on Linux: a library of Windows or macOS (the synchronous call throws
    /// DllNotFoundException, where a ring variant of the same name would read and write), or an entry point that is a call of
    /// the table only ignoring case (the dynamic linker looks symbols up exactly: the synchronous call throws
    /// EntryPointNotFoundException). Ordinary methods are not imports: their name is theirs to choose.
    /// </summary>
    private static void CheckImport(IMethodSymbol method, Location nameLocation, ProblemSink problems)
    {
        if (RingPlacement.IsOrdinary(method))
        {
            return;
        }

        string entryPoint = RingPlacement.EntryPointOf(method);
        if (LibraryOf(method) is { } library && OtherSystem(library) is { } system)
        {
            problems.Report(DiagnosticDescriptors.WrapperShapeInvalid, nameLocation, method.Name,
                "imports '" + entryPoint + "' from '" + library + "', " + system + ": AsyncSys runs Linux calls (on io_uring and its workers), and on Linux "
                + "the synchronous call throws DllNotFoundException, so a variant would either answer where the wrapper cannot or only repeat that "
                + "exception; mark the Linux import of the call instead (from libc), or choose the library by platform in an ordinary method "
                + "marked [AsyncSyscall(RingOp.None)]");
            return;
        }

        string? exact = null;
        string? ignoringCase = null;
        foreach (SyscallShape shape in KnownSyscalls.All)
        {
            if (string.Equals(shape.EntryPoint, entryPoint, StringComparison.Ordinal))
            {
                exact = shape.EntryPoint;
                break;
            }

            if (ignoringCase is null && string.Equals(shape.EntryPoint, entryPoint, StringComparison.OrdinalIgnoreCase))
            {
                ignoringCase = shape.EntryPoint;
            }
        }

        if (exact is null && ignoringCase is not null)
        {
            problems.Report(DiagnosticDescriptors.WrapperShapeInvalid, nameLocation, method.Name,
                "imports the entry point '" + entryPoint + "', which is '" + ignoringCase + "' only ignoring case: the dynamic linker looks symbols up "
                + "exactly, so the synchronous call throws EntryPointNotFoundException and a variant making '" + ignoringCase + "' would answer "
                + "where the wrapper cannot; set EntryPoint = \"" + ignoringCase + "\"");
        }
    }

    /// <summary>The library a [DllImport] or [LibraryImport] names, as written.</summary>
    private static string? LibraryOf(IMethodSymbol method)
    {
        if (method.GetDllImportData() is { ModuleName: { } module })
        {
            return module;
        }

        foreach (AttributeData data in method.GetAttributes())
        {
            if (data.AttributeClass is { } type && TypeFacts.IsNamed(type, "System.Runtime.InteropServices", "LibraryImportAttribute")
                && data.ConstructorArguments.Length == 1 && data.ConstructorArguments[0].Value is string name)
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>"a Windows library" or "macOS's C library"-style words for a library of another system; null for any other.</summary>
    private static string? OtherSystem(string library)
    {
        string file = LibraryNames.FileOf(library).ToLowerInvariant();
        if (file.EndsWith(".dylib", StringComparison.Ordinal))
        {
            return file.StartsWith("libsystem", StringComparison.Ordinal) || file == "libc.dylib" ? "macOS's C library" : "a macOS library";
        }

        string stem = file.EndsWith(".dll", StringComparison.Ordinal) ? file.Substring(0, file.Length - 4) : file;
        if (stem.StartsWith("api-ms-win-", StringComparison.Ordinal) || Array.IndexOf(WindowsLibraries, stem) >= 0)
        {
            return "a Windows library";
        }

        return null;
    }
}
