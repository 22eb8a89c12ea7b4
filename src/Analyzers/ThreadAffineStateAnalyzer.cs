using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1002: per-thread state (<c>[ThreadStatic]</c> fields, <c>ThreadLocal&lt;T&gt;.Value</c>,
/// <c>Thread.CurrentThread</c>, <c>Environment.CurrentManagedThreadId</c>) read on one thread and used on
/// another: across an await, or inside a wrapper that AsyncSys runs on a blocking worker.
/// </summary>
/// <remarks>
/// This is the "task_struct concurrency" of generic async syscalls: state that lives with the thread is
/// right only while the code stays on that thread. An await may resume elsewhere, and an offloaded wrapper
/// never runs on the caller's thread at all.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ThreadAffineStateAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The rule id.</summary>
    public const string Id = "ASYS1002";

    private const string Title = "Per-thread state is used on another thread";
    private const string Description = "[ThreadStatic] fields, ThreadLocal<T>.Value, Thread.CurrentThread and Environment.CurrentManagedThreadId belong to the thread that reads them. After an await the code may run on another thread, and an [AsyncSyscall] wrapper without a ring opcode runs on an AsyncSys worker thread. Pass the value in as an argument, or read it again where it is used.";

    internal static readonly DiagnosticDescriptor AcrossAwaitRule = new(
        Id,
        Title,
        messageFormat: "{0} was read before an await and is used after it, when this code may be running on another thread",
        DiagnosticCategories.Concurrency,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        Description,
        HelpLinks.For(Id));

    internal static readonly DiagnosticDescriptor OnWorkerRule = new(
        Id,
        Title,
        messageFormat: "{0} is read in '{1}', which AsyncSys runs on a blocking worker thread: it sees the worker's value, not the caller's",
        DiagnosticCategories.Concurrency,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        Description,
        HelpLinks.For(Id));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(AcrossAwaitRule, OnWorkerRule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            AsyncSysApi api = AsyncSysApi.Create(start.Compilation);
            start.RegisterOperationBlockAction(block =>
            {
                IMethodSymbol? offloadedWrapper = GetOffloadedWrapper(api, block.OwningSymbol);
                foreach (FunctionBody body in FunctionBody.FromBlocks(block.OperationBlocks, block.OwningSymbol))
                {
                    if (offloadedWrapper is not null)
                    {
                        ReportReadsOnWorker(block, api, body, offloadedWrapper);
                    }
                    else if (body.IsAsync && body.AwaitPositions.Length > 0)
                    {
                        ReportUsesAcrossAwait(block, api, body);
                    }
                }
            });
        });
    }

    private static IMethodSymbol? GetOffloadedWrapper(AsyncSysApi api, ISymbol owner)
    {
        if (owner is not IMethodSymbol method)
        {
            return null;
        }

        AttributeData? attribute = api.GetAsyncSyscallAttribute(method);
        return attribute is not null && api.IsOffloaded(method, attribute) ? method : null;
    }

    private static void ReportReadsOnWorker(OperationBlockAnalysisContext context, AsyncSysApi api, FunctionBody body, IMethodSymbol wrapper)
    {
        foreach (IOperation operation in body.Operations)
        {
            string? what = DescribeThreadAffineRead(api, operation);
            if (what is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(OnWorkerRule, operation.Syntax.GetLocation(), what, wrapper.Name));
            }
        }
    }

    private static void ReportUsesAcrossAwait(OperationBlockAnalysisContext context, AsyncSysApi api, FunctionBody body)
    {
        // Locals that hold a per-thread value: where each was last stored, and what was stored.
        var stores = new List<(ILocalSymbol Local, int End, string? ThreadAffine)>();
        var localUses = new List<ILocalReferenceOperation>();

        // Per-thread state touched directly: the positions of each access, by symbol.
        var directAccesses = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);

        foreach (IOperation operation in body.Operations)
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer: not null } declarator:
                    stores.Add((declarator.Symbol, declarator.Syntax.Span.End, DescribeThreadAffineRead(api, Unwrap(declarator.Initializer.Value))));
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                    stores.Add((target.Local, assignment.Syntax.Span.End, DescribeThreadAffineRead(api, Unwrap(assignment.Value))));
                    break;
                case ILocalReferenceOperation use when !IsAssignmentTarget(use):
                    localUses.Add(use);
                    break;
            }

            ISymbol? state = GetDirectThreadAffineSymbol(api, operation);
            if (state is not null)
            {
                if (!directAccesses.TryGetValue(state, out List<IOperation>? accesses))
                {
                    directAccesses[state] = accesses = new List<IOperation>();
                }

                accesses.Add(operation);
            }
        }

        // Only a local that was ever given a per-thread value can be reported: look up the last store for those
        // alone, instead of for every use of every local (uses times stores per body).
        HashSet<ILocalSymbol>? tainted = null;
        foreach (var store in stores)
        {
            if (store.ThreadAffine is not null)
            {
                (tainted ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default)).Add(store.Local);
            }
        }

        var reportedLocals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (ILocalReferenceOperation use in localUses)
        {
            if (tainted is null || !tainted.Contains(use.Local))
            {
                continue;
            }

            int useStart = use.Syntax.SpanStart;
            (ILocalSymbol Local, int End, string? ThreadAffine)? last = null;
            foreach (var store in stores)
            {
                if (SymbolEqualityComparer.Default.Equals(store.Local, use.Local) && store.End <= useStart && (last is null || store.End > last.Value.End))
                {
                    last = store;
                }
            }

            if (last is { ThreadAffine: not null } lastStore &&
                body.AwaitBetween(lastStore.End, useStart) is not null &&
                reportedLocals.Add(use.Local))
            {
                string what = "'" + use.Local.Name + "' (" + lastStore.ThreadAffine + ")";
                context.ReportDiagnostic(Diagnostic.Create(AcrossAwaitRule, use.Syntax.GetLocation(), what));
            }
        }

        foreach (List<IOperation> accesses in directAccesses.Values)
        {
            ReportFirstAccessAfterAwait(context, api, body, accesses);
        }
    }

    private static void ReportFirstAccessAfterAwait(OperationBlockAnalysisContext context, AsyncSysApi api, FunctionBody body, List<IOperation> accesses)
    {
        int firstEnd = int.MaxValue;
        foreach (IOperation access in accesses)
        {
            firstEnd = System.Math.Min(firstEnd, access.Syntax.Span.End);
        }

        IOperation? firstAfterAwait = null;
        foreach (IOperation access in accesses)
        {
            if (body.AwaitBetween(firstEnd, access.Syntax.SpanStart) is not null &&
                (firstAfterAwait is null || access.Syntax.SpanStart < firstAfterAwait.Syntax.SpanStart))
            {
                firstAfterAwait = access;
            }
        }

        if (firstAfterAwait is not null)
        {
            string what = DescribeThreadAffineRead(api, firstAfterAwait) ?? firstAfterAwait.Syntax.ToString();
            context.ReportDiagnostic(Diagnostic.Create(AcrossAwaitRule, firstAfterAwait.Syntax.GetLocation(), what));
        }
    }

    /// <summary>Per-thread storage touched directly: a [ThreadStatic] field or a ThreadLocal's Value.</summary>
    private static ISymbol? GetDirectThreadAffineSymbol(AsyncSysApi api, IOperation operation) => operation switch
    {
        IFieldReferenceOperation field when IsThreadStatic(api, field.Field) => field.Field,
        IPropertyReferenceOperation { Property.Name: "Value", Instance: IFieldReferenceOperation owner } property
            when api.Is(property.Property.ContainingType, api.ThreadLocalOfT) => owner.Field,
        _ => null,
    };

    /// <summary>Describes a read of per-thread state for a message, or returns null if the operation is not one.</summary>
    internal static string? DescribeThreadAffineRead(AsyncSysApi api, IOperation operation)
    {
        switch (operation)
        {
            case IFieldReferenceOperation field when IsThreadStatic(api, field.Field):
                return "[ThreadStatic] field '" + field.Field.Name + "'";
            case IPropertyReferenceOperation property:
                IPropertySymbol symbol = property.Property;
                if (symbol.Name == "Value" && api.Is(symbol.ContainingType, api.ThreadLocalOfT))
                {
                    return "ThreadLocal value '" + property.Syntax + "'";
                }

                if (symbol.Name == "CurrentThread" && api.Is(symbol.ContainingType, api.Thread))
                {
                    return "Thread.CurrentThread";
                }

                if (symbol.Name == "CurrentManagedThreadId" && api.Is(symbol.ContainingType, api.Environment))
                {
                    return "Environment.CurrentManagedThreadId";
                }

                return null;
            default:
                return null;
        }
    }

    private static bool IsThreadStatic(AsyncSysApi api, IFieldSymbol field)
    {
        if (!field.IsStatic || api.ThreadStaticAttribute is null)
        {
            return false;
        }

        foreach (AttributeData attribute in field.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, api.ThreadStaticAttribute))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAssignmentTarget(IOperation operation) =>
        operation.Parent is ISimpleAssignmentOperation assignment && assignment.Target == operation;

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
