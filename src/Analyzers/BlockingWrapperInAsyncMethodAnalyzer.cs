using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

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
public sealed class BlockingWrapperInAsyncMethodAnalyzer : FunctionBodyAnalyzer
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
    private protected override bool AppliesTo(AsyncSysApi api) => api.AsyncSyscallAttribute is not null;

    /// <summary>A wrapper's name written in a root with an async function: the only place the rule can fire.</summary>
    private protected override bool IsCandidate(CodeRoot root) => root.HasAll(CodeFeatures.WrapperCall) && (root.HasAny(CodeFeatures.AsyncFunction) || root.Syntax is CompilationUnitSyntax);

    private protected override void AnalyzeRoot(CodeRootContext context, AsyncSysApi api)
    {
        SyntaxNode root = context.Root.Syntax;
        foreach (Mark mark in context.Root.Marks)
        {
            if ((mark.Features & CodeFeatures.WrapperCall) == 0 || mark.Name is not { } name || CodeIndex.CallOf(name) is not { } call)
            {
                continue;
            }

            SyntaxNode function = SyntaxFunctions.Enclosing(call, root);
            if (SyntaxFunctions.IsAsync(function) == false || context.SymbolOf(call) is not IMethodSymbol target)
            {
                continue;
            }

            target = target.ReducedFrom ?? target;
            IMethodSymbol? caller = SyntaxFunctions.SymbolOf(context, function);
            if (caller is null || !caller.IsAsync || api.GetAsyncSyscallAttribute(target) is null)
            {
                continue;
            }

            IMethodSymbol? variant = api.FindAsyncVariant(target.OriginalDefinition);
            if (variant is null || SymbolEqualityComparer.Default.Equals(variant, caller))
            {
                continue;
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

            context.Report(Diagnostic.Create(Rule, call.GetLocation(), properties, target.Name, variant.Name));
        }
    }
}
