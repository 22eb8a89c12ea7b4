using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1001: errno (<c>Marshal.GetLastPInvokeError</c>, <c>GetLastWin32Error</c>, <c>GetLastSystemError</c>)
/// is read after an await or after another call, so it may describe another call or another thread.
/// </summary>
/// <remarks>
/// errno is per thread and every native call may overwrite it. An await may resume on another thread, whose
/// errno belongs to whatever that thread ran last; any call in between (logging, allocation, a property that
/// P/Invokes) may set it again. The read belongs right after the P/Invoke it reports on.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ErrnoReadTooLateAnalyzer : FunctionBodyAnalyzer
{
    /// <summary>The rule id.</summary>
    public const string Id = "ASYS1001";

    /// <summary>The errno reads this rule checks.</summary>
    internal static readonly ImmutableHashSet<string> ErrnoReaders =
        ImmutableHashSet.Create("GetLastPInvokeError", "GetLastWin32Error", "GetLastSystemError");

    // Marshal's errno setters put errno where the reader expects it: they count as "the call".
    private static readonly ImmutableHashSet<string> ErrnoSetters =
        ImmutableHashSet.Create("SetLastPInvokeError", "SetLastSystemError");

    // Types whose methods do not reach native code, so a call to them cannot change errno: namespace and metadata name.
    private static readonly (string Namespace, string Name)[] PureTypes =
    {
        ("System", "Math"), ("System", "MathF"), ("System", "Span`1"), ("System", "ReadOnlySpan`1"), ("System", "MemoryExtensions"),
        ("System.Runtime.CompilerServices", "Unsafe"), ("System.Buffers.Binary", "BinaryPrimitives"),
    };

    internal static readonly DiagnosticDescriptor Rule = new(
        Id,
        title: "errno is read too late",
        messageFormat: "errno is read after {0}, so it may no longer describe {1}; read it right after that call",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "errno is per thread and any native call may overwrite it. Read Marshal.GetLastPInvokeError (or GetLastWin32Error, GetLastSystemError) immediately after the P/Invoke it reports on, before any await or other call; or await the [AsyncSyscall] variant, whose ErrnoException carries the errno captured on the right thread.",
        helpLinkUri: HelpLinks.For(Id));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    private protected override bool AppliesTo(AsyncSysApi api) => api.Marshal is not null;

    private protected override void AnalyzeBody(OperationBlockAnalysisContext context, AsyncSysApi api, FunctionBody body)
    {
        List<IInvocationOperation>? reads = null;
        foreach (IOperation operation in body.Operations)
        {
            if (operation is IInvocationOperation invocation && IsErrnoRead(api, invocation.TargetMethod))
            {
                (reads ??= new List<IInvocationOperation>()).Add(invocation);
            }
        }

        if (reads is null)
        {
            return;
        }

        foreach (IInvocationOperation read in reads)
        {
            AnalyzeRead(context, api, body, read);
        }
    }

    private static void AnalyzeRead(OperationBlockAnalysisContext context, AsyncSysApi api, FunctionBody body, IInvocationOperation read)
    {
        int readStart = read.Syntax.SpanStart;

        // Walk back from the read, most recent first: by end position, since an argument ends before its call.
        // Ties keep body order (a stable sort), as an await and its operand end at the same place.
        var earlier = new List<(IOperation Operation, int Index)>();
        ImmutableArray<IOperation> operations = body.Operations;
        for (int i = 0; i < operations.Length; i++)
        {
            IOperation candidate = operations[i];
            if (candidate is IInvocationOperation or IObjectCreationOperation or IAwaitOperation &&
                candidate.Syntax.Span.End <= readStart && SourceOrder.RunsOnTheWayTo(candidate.Syntax, read.Syntax))
            {
                earlier.Add((candidate, i));
            }
        }

        earlier.Sort(static (a, b) =>
        {
            int byEnd = b.Operation.Syntax.Span.End.CompareTo(a.Operation.Syntax.Span.End);
            return byEnd != 0 ? byEnd : a.Index.CompareTo(b.Index);
        });

        bool awaitedInBetween = false;
        IOperation? callInBetween = null;
        foreach ((IOperation operation, int _) in earlier)
        {
            if (operation is IAwaitOperation)
            {
                awaitedInBetween = true;
                continue;
            }

            IMethodSymbol? target = operation switch
            {
                IInvocationOperation invocation => invocation.TargetMethod,
                IObjectCreationOperation creation => creation.Constructor,
                _ => null,
            };
            if (target is null || IsErrnoRead(api, target) || CannotTouchErrno(target))
            {
                continue;
            }

            if (api.IsPInvoke(target) || IsErrnoSetter(api, target))
            {
                if (awaitedInBetween || callInBetween is not null)
                {
                    Report(context, read, target, awaitedInBetween ? null : callInBetween, operation);
                }

                return;
            }

            callInBetween ??= operation;
        }

        // No P/Invoke in this body: the read reports on the last call made, unless an await came after it.
        if (awaitedInBetween && callInBetween is null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, read.Syntax.GetLocation(), "an await", "the native call made before it"));
        }
    }

    private static void Report(OperationBlockAnalysisContext context, IInvocationOperation read, IMethodSymbol pinvoke, IOperation? callInBetween, IOperation pinvokeCall)
    {
        string what = callInBetween is null
            ? "an await"
            : "the call to '" + DescribeCall(callInBetween) + "'";
        context.ReportDiagnostic(Diagnostic.Create(
            Rule,
            read.Syntax.GetLocation(),
            additionalLocations: new[] { pinvokeCall.Syntax.GetLocation() },
            properties: null,
            what,
            "the call to '" + pinvoke.Name + "'"));
    }

    private static string DescribeCall(IOperation call) => call switch
    {
        IInvocationOperation invocation => invocation.TargetMethod.Name,
        IObjectCreationOperation creation => "new " + (creation.Type?.Name ?? "object"),
        _ => call.Syntax.ToString(),
    };

    private static bool IsErrnoRead(AsyncSysApi api, IMethodSymbol method) =>
        SymbolEqualityComparer.Default.Equals(method.ContainingType, api.Marshal) && ErrnoReaders.Contains(method.Name);

    private static bool IsErrnoSetter(AsyncSysApi api, IMethodSymbol method) =>
        SymbolEqualityComparer.Default.Equals(method.ContainingType, api.Marshal) && ErrnoSetters.Contains(method.Name);

    private static bool CannotTouchErrno(IMethodSymbol method)
    {
        INamedTypeSymbol? type = method.ContainingType?.OriginalDefinition;
        if (type is null)
        {
            return false;
        }

        foreach ((string ns, string name) in PureTypes)
        {
            if (SymbolNames.IsNamed(type, ns, name))
            {
                return true;
            }
        }

        return false;
    }
}
