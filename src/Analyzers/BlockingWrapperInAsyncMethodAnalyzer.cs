using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1007: an async method calls a blocking <c>[AsyncSyscall]</c> wrapper although its generated
/// asynchronous variant exists.
/// </summary>
/// <remarks>
/// CA1849's rule, on by default for AsyncSys wrappers: the blocking call holds a thread-pool thread for the
/// whole syscall, which is exactly what the attribute was put there to avoid.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingWrapperInAsyncMethodAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The rule id.</summary>
    public const string Id = "ASYS1007";

    /// <summary>Property of the diagnostic: the asynchronous variant's name.</summary>
    internal const string VariantNameProperty = "VariantName";

    /// <summary>Property of the diagnostic: the variant's CancellationToken parameter, to pass the caller's token by name.</summary>
    internal const string TokenParameterProperty = "TokenParameter";

    /// <summary>Property of the diagnostic: the enclosing method's CancellationToken parameter, if it has one.</summary>
    internal const string CallerTokenProperty = "CallerToken";

    internal static readonly DiagnosticDescriptor Rule = new(
        Id,
        title: "Blocking syscall wrapper is called in an async method",
        messageFormat: "'{0}' blocks the calling thread; await '{1}' instead",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An [AsyncSyscall] wrapper has a generated asynchronous variant that runs the call on the kernel ring or a worker. In an async method, await the variant (passing the method's CancellationToken) instead of blocking a thread-pool thread on the syscall.",
        helpLinkUri: HelpLinks.For(Id));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            AsyncSysApi api = AsyncSysApi.Create(start.Compilation);
            if (api.AsyncSyscallAttribute is null)
            {
                return;
            }

            start.RegisterOperationAction(operation => Analyze(operation, api), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, AsyncSysApi api)
    {
        var call = (IInvocationOperation)context.Operation;
        IMethodSymbol? caller = FunctionBody.ContainingFunction(call, context.ContainingSymbol);
        if (caller is null || !caller.IsAsync || api.GetAsyncSyscallAttribute(call.TargetMethod) is null)
        {
            return;
        }

        IMethodSymbol? variant = api.FindAsyncVariant(call.TargetMethod.OriginalDefinition);
        if (variant is null || SymbolEqualityComparer.Default.Equals(variant, caller))
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(VariantNameProperty, variant.Name)
            .Add(TokenParameterProperty, variant.Parameters[variant.Parameters.Length - 1].Name);
        foreach (IParameterSymbol parameter in caller.Parameters)
        {
            if (SymbolEqualityComparer.Default.Equals(parameter.Type, api.CancellationToken))
            {
                properties = properties.Add(CallerTokenProperty, parameter.Name);
                break;
            }
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, call.Syntax.GetLocation(), properties, call.TargetMethod.Name, variant.Name));
    }
}
