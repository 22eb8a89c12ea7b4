using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1006: the ValueTask of an asynchronous syscall (an IoRing op, a RingRequest submission, a generated
/// <c>XxxAsync</c>) is discarded, consumed twice, or its <c>Result</c> read before it completed.
/// </summary>
/// <remarks>
/// CA2012's rule, on by default for the AsyncSys APIs. A discarded operation still runs, so its error is
/// lost and its buffer stays in use at an unknown time. AsyncSys recycles the source behind each ValueTask:
/// a second await may see another operation's result, and <c>Result</c> before completion is not a wait.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsyncSyscallResultNotObservedAnalyzer : FunctionBodyAnalyzer
{
    /// <summary>The rule id.</summary>
    public const string Id = "ASYS1006";

    /// <summary>Property of the diagnostic: how the result was mishandled, for the code fix.</summary>
    internal const string KindProperty = "Kind";

    internal const string Discarded = "Discarded";
    internal const string ResultBeforeCompletion = "ResultBeforeCompletion";
    internal const string ConsumedTwice = "ConsumedTwice";

    internal static readonly DiagnosticDescriptor Rule = new(
        Id,
        title: "Result of an asynchronous syscall is not observed",
        messageFormat: "The ValueTask of '{0}' is {1}; await it exactly once",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An asynchronous syscall's ValueTask carries its result and its error, and tells when the buffer is free again. Await it once: do not drop it, do not await it twice, and do not read Result before it completed.",
        helpLinkUri: HelpLinks.For(Id));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    private protected override void AnalyzeBody(OperationBlockAnalysisContext context, AsyncSysApi api, FunctionBody body)
    {
        foreach (IOperation operation in body.Operations)
        {
            if (operation is not IInvocationOperation call || !api.IsAsyncSyscall(call.TargetMethod))
            {
                continue;
            }

            string name = call.TargetMethod.Name;
            switch (call.Parent)
            {
                case IExpressionStatementOperation:
                case ISimpleAssignmentOperation { Target: IDiscardOperation }:
                    Report(context, call.Syntax, name, Discarded, "discarded");
                    break;
                case IPropertyReferenceOperation { Property.Name: "Result" } result:
                    Report(context, result.Syntax, name, ResultBeforeCompletion, "read with .Result before it completed");
                    break;
                case IInvocationOperation { TargetMethod.Name: "GetAwaiter", Parent: IInvocationOperation { TargetMethod.Name: "GetResult" } getResult }:
                    Report(context, getResult.Syntax, name, ResultBeforeCompletion, "read with GetResult() before it completed");
                    break;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    AnalyzeStoredTask(context, body, declarator.Symbol, call);
                    break;
            }
        }
    }

    /// <summary>A task kept in a local: each later consumption must be the only one, and Result needs a completion check.</summary>
    private static void AnalyzeStoredTask(OperationBlockAnalysisContext context, FunctionBody body, ILocalSymbol task, IInvocationOperation call)
    {
        var references = body.Operations
            .OfType<ILocalReferenceOperation>()
            .Where(r => SymbolEqualityComparer.Default.Equals(r.Local, task))
            .OrderBy(r => r.Syntax.SpanStart)
            .ToList();

        var consumptions = new List<IOperation>();
        bool completionChecked = false;
        foreach (ILocalReferenceOperation reference in references)
        {
            if (reference.Parent is IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" })
            {
                completionChecked = true;
                continue;
            }

            IOperation? consumption = GetConsumption(reference);
            if (consumption is null)
            {
                continue;
            }

            string name = call.TargetMethod.Name;
            bool again = consumptions.Any(previous => !SourceOrder.AreExclusive(previous.Syntax, consumption.Syntax));
            if (again || IsInLoopNotContaining(reference, call))
            {
                Report(context, consumption.Syntax, name, ConsumedTwice, "consumed more than once");
            }
            else if (consumption is IPropertyReferenceOperation && !completionChecked)
            {
                Report(context, consumption.Syntax, name, ResultBeforeCompletion, "read with .Result before it completed");
            }

            consumptions.Add(consumption);
        }
    }

    /// <summary>The operation that takes the task's result or ownership, if this reference is one.</summary>
    private static IOperation? GetConsumption(ILocalReferenceOperation reference) => reference.Parent switch
    {
        IAwaitOperation await => await,
        IPropertyReferenceOperation { Property.Name: "Result" } result => result,
        IInvocationOperation { TargetMethod.Name: "AsTask" or "GetAwaiter" or "ConfigureAwait" or "Preserve" } invocation => invocation,
        IArgumentOperation argument => argument,
        IReturnOperation @return => @return,
        _ => null,
    };

    private static bool IsInLoopNotContaining(IOperation reference, IOperation start)
    {
        for (IOperation? current = reference.Parent; current is not null; current = current.Parent)
        {
            if (current is ILoopOperation loop)
            {
                return !loop.Syntax.Span.Contains(start.Syntax.Span);
            }
        }

        return false;
    }

    private static void Report(OperationBlockAnalysisContext context, SyntaxNode node, string method, string kind, string what) =>
        context.ReportDiagnostic(Diagnostic.Create(
            Rule,
            node.GetLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind),
            method,
            what));
}
