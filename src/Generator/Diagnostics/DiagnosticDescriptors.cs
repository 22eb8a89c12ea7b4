using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Diagnostics;

/// <summary>The diagnostics about <c>[AsyncSyscall]</c> wrappers, ASYS0001 and up. Each has a docs page.</summary>
public static class DiagnosticDescriptors
{
    private const string Category = "AsyncSys.Generator";
    private const string HelpBase = "https://github.com/asyncsys/asyncsys/blob/main/docs/diagnostics/";

    /// <summary>ASYS0001: the wrapper is not of a shape the generator can extend.</summary>
    public static readonly DiagnosticDescriptor WrapperShapeInvalid = Create(
        "ASYS0001",
        "The [AsyncSyscall] wrapper has the wrong shape",
        "'{0}' {1}",
        DiagnosticSeverity.Error);

    /// <summary>ASYS0002: a containing type is not partial.</summary>
    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Create(
        "ASYS0002",
        "A type containing an [AsyncSyscall] wrapper must be partial",
        "Type '{0}' must be partial so the asynchronous variant of '{1}' can be generated into it",
        DiagnosticSeverity.Error);

    /// <summary>ASYS0003: the wrapper is generic.</summary>
    public static readonly DiagnosticDescriptor GenericWrapper = Create(
        "ASYS0003",
        "An [AsyncSyscall] wrapper cannot be generic",
        "'{0}' is generic; an [AsyncSyscall] wrapper must be a non-generic method",
        DiagnosticSeverity.Error);

    /// <summary>ASYS0004: the return type cannot cross an await.</summary>
    public static readonly DiagnosticDescriptor ReturnTypeNotSupported = Create(
        "ASYS0004",
        "The wrapper's return type cannot be returned asynchronously",
        "'{0}' returns '{1}', which {2}; return a value type or a class instead",
        DiagnosticSeverity.Error);

    /// <summary>ASYS0005: a parameter has no asynchronous form.</summary>
    public static readonly DiagnosticDescriptor ParameterNotSupported = Create(
        "ASYS0005",
        "A wrapper parameter has no asynchronous form",
        "Parameter '{0}' of '{1}' is not supported: {2}",
        DiagnosticSeverity.Error);

    /// <summary>ASYS0006: the explicit ring operation does not fit the parameters.</summary>
    public static readonly DiagnosticDescriptor RingOpDoesNotFit = Create(
        "ASYS0006",
        "The wrapper's parameters do not fit the explicit ring operation",
        "The parameters of '{0}' do not fit RingOp.{1}: {2}",
        DiagnosticSeverity.Error);

    /// <summary>ASYS0007: the cancel hook is missing or has the wrong signature.</summary>
    public static readonly DiagnosticDescriptor CancelHookInvalid = Create(
        "ASYS0007",
        "The cancel hook is missing or has the wrong signature",
        "Cancel hook '{0}' of '{1}' must be a method 'static void {0}(AsyncSys.BlockingCallInfo call)' in type '{2}'",
        DiagnosticSeverity.Error);

    /// <summary>ASYS0008: the generated name clashes with an existing member.</summary>
    public static readonly DiagnosticDescriptor NameClash = Create(
        "ASYS0008",
        "The generated member's name is already taken",
        "Type '{0}' already has a member '{1}' that clashes with the code generated for '{2}'; set MethodName or rename the member",
        DiagnosticSeverity.Error);

    /// <summary>ASYS0009: <c>MethodName</c> is not a valid identifier.</summary>
    public static readonly DiagnosticDescriptor InvalidMethodName = Create(
        "ASYS0009",
        "MethodName is not a valid C# identifier",
        "MethodName '{0}' is not a valid C# method name",
        DiagnosticSeverity.Error);

    /// <summary>ASYS0010: a cancel hook on a call that runs on the ring, where it is never used.</summary>
    public static readonly DiagnosticDescriptor CancelHookUnused = Create(
        "ASYS0010",
        "A cancel hook is not used by a call that runs on the ring",
        "'{0}' runs on the ring as RingOp.{1}, so cancel hook '{2}' is never called; the ring cancels the operation itself",
        DiagnosticSeverity.Warning);

    /// <summary>ASYS0011: <c>ReturnNegativeErrno</c> on a wrapper whose result cannot carry <c>-errno</c>.</summary>
    public static readonly DiagnosticDescriptor NegativeErrnoNeedsSignedResult = Create(
        "ASYS0011",
        "ReturnNegativeErrno needs a signed integer result",
        "'{0}' returns '{1}', which cannot carry a negative errno; use SyscallErrorMode.Throw or return int, long or nint",
        DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpBase + id + ".md");
}
