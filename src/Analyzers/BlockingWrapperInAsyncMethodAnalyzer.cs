using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1007: an async method calls a blocking <c>[AsyncSyscall]</c> wrapper although its generated
/// asynchronous variant exists, or a synchronous facade of this compilation that blocks on its own asynchronous twin
/// running an operation of the ring (<see cref="Facades"/>).
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
    private protected override bool IsCandidate(CodeRoot root) => (root.HasAll(CodeFeatures.WrapperCall) || root.HasAll(CodeFeatures.BlockingDisposal)) &&
        (root.HasAny(CodeFeatures.AsyncFunction) || root.Syntax is CompilationUnitSyntax || MayReturnTask(root.Syntax));

    /// <summary>
    /// A method named as asynchronous (<c>...Async</c>) and declared to return <c>Task</c> or <c>ValueTask</c> (or a generic
    /// form) without <c>async</c>: its callers await it as an asynchronous method, so a blocking wrapper in its own body
    /// blocks them (since round 50). A method named otherwise (<c>ValueTask&lt;int&gt; SyncNow(int fd) =&gt;
    /// new(Libc.Fsync(fd))</c>) says it runs synchronously: blocking is its caller's choice. Syntax only.
    /// </summary>
    private static bool MayReturnTask(SyntaxNode root) =>
        root is MethodDeclarationSyntax method && method.Identifier.ValueText.EndsWith("Async", System.StringComparison.Ordinal) &&
        UsingNames.LastName(method.ReturnType) is "Task" or "ValueTask";

    private protected override void AnalyzeRoot(CodeRootContext context, AsyncSysApi api)
    {
        if (context.Root.HasAny(CodeFeatures.BlockingDisposal))
        {
            AnalyzeUsings(context, api);
        }

        SyntaxNode root = context.Root.Syntax;
        foreach (Mark mark in context.Root.Marks)
        {
            if ((mark.Features & CodeFeatures.WrapperCall) == 0 || mark.Name is not { } name ||
                ((SyntaxNode?)CodeIndex.CallOf(name) ?? MethodGroupArgument(name)) is not { } call)
            {
                continue;
            }

            // A delegate that a library method runs on the calling thread before it returns or as its result is
            // enumerated (a LINQ operator, List<T>.ForEach, Array.ConvertAll) blocks the function making that call:
            // a wrapper given to one as a method group, or called in a synchronous lambda given to one, is judged
            // in that function. A delegate stored or handed to anything else runs at another time, maybe on another
            // thread (Task.Run), and stays the caller's choice.
            SyntaxNode function = SyntaxFunctions.Enclosing(call, root);
            SyntaxNode? handedOver = call is not InvocationExpressionSyntax ? call
                : function is AnonymousFunctionExpressionSyntax && SyntaxFunctions.IsAsync(function) == false ? function
                : null;
            if (handedOver is not null)
            {
                if (!RunsOnCallingThread(context, handedOver))
                {
                    continue;
                }

                function = SyntaxFunctions.Enclosing(handedOver, root);
            }

            // Since round 50 also the own body of a method named ...Async that returns a Task or ValueTask without being async
            // (`ValueTask LockAsync(...) { if (Native.Flock(fd, LOCK_EX) != 0) ...; return ValueTask.CompletedTask; }`): its
            // callers await it, and it blocks them before they get the task; not a call asking not to wait (LOCK_UN).
            bool taskReturning = handedOver is null && function is MethodDeclarationSyntax && MayReturnTask(function) &&
                !(call is InvocationExpressionSyntax invocation && AsyncSysApi.AsksNotToWait(invocation));
            if ((SyntaxFunctions.IsAsync(function) == false && !taskReturning) || context.SymbolOf(call) is not IMethodSymbol target)
            {
                continue;
            }

            target = target.ReducedFrom ?? target;
            IMethodSymbol? caller = SyntaxFunctions.SymbolOf(context, function);
            if (caller is null || !(caller.IsAsync || (taskReturning && AsyncSysApi.IsAwaitable(caller.ReturnType))))
            {
                continue;
            }

            if (api.GetAsyncSyscallAttribute(target) is null)
            {
                // Since round 50: a synchronous helper of this compilation that calls a blocking wrapper in its own body
                // (`void SyncDirectory() { if (Native.Fsync(dirFd) != 0) throw ...; }`) blocks the async caller one call
                // away. No code fix: the helper's own body is what should await the variant.
                if (api.BlockingHelperWrapper(target) is { } wrapped && api.FindAsyncVariant(wrapped) is { } helperVariant &&
                    !SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, caller.OriginalDefinition))
                {
                    context.Report(Diagnostic.Create(Rule, call.GetLocation(), target.Name, helperVariant.Name));
                    continue;
                }

                // A synchronous facade over its own asynchronous twin: no code fix (the twin's parameters and result
                // are the library's own, not a variant's), so no variant's name in the properties.
                if (api.FacadeTwin(target) is { } twin && !SymbolEqualityComparer.Default.Equals(twin, caller.OriginalDefinition))
                {
                    string instead = twin.Name.StartsWith("Begin", System.StringComparison.Ordinal) && twin.ReturnType.Name == "IAsyncResult"
                        ? "Task.Factory.FromAsync(" + twin.Name + ", End" + twin.Name.Substring(5) + ", ...)"
                        : twin.Name;
                    context.Report(Diagnostic.Create(Rule, call.GetLocation(), target.Name, instead));
                }

                continue;
            }

            IMethodSymbol? variant = api.FindAsyncVariant(target.OriginalDefinition);
            if (variant is null || SymbolEqualityComparer.Default.Equals(variant, caller))
            {
                continue;
            }

            if (!caller.IsAsync)
            {
                // A non-async method returning a task: no code fix (an await needs the method made async, which changes
                // how its exceptions reach its callers).
                context.Report(Diagnostic.Create(Rule, call.GetLocation(), target.Name, variant.Name));
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

    /// <summary>
    /// Since round 63: a <c>using</c> statement or declaration (not <c>await using</c>) in an async function whose type's
    /// synchronous <c>Dispose</c> calls a blocking wrapper in its own body (a blocking helper): the compiler calls that
    /// <c>Dispose</c> on the async function's thread when the scope ends. Reported at the <c>using</c>; no code fix (the type
    /// needs a <c>DisposeAsync</c> that awaits the variant).
    /// </summary>
    private static void AnalyzeUsings(CodeRootContext context, AsyncSysApi api)
    {
        SyntaxNode root = context.Root.Syntax;
        foreach (SyntaxNode node in root.DescendantNodes())
        {
            (SyntaxToken keyword, SyntaxNode? typed) = node switch
            {
                LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: 0 } declaration when declaration.UsingKeyword.RawKind != 0 =>
                    (declaration.UsingKeyword, declaration.Declaration.Type),
                UsingStatementSyntax { AwaitKeyword.RawKind: 0 } statement =>
                    (statement.UsingKeyword, (SyntaxNode?)statement.Declaration?.Type ?? statement.Expression),
                _ => (default, null),
            };
            if (typed is null || SyntaxFunctions.IsAsync(SyntaxFunctions.Enclosing(node, root)) != true ||
                context.Model.GetTypeInfo(typed, context.CancellationToken).Type is not INamedTypeSymbol type)
            {
                continue;
            }

            foreach (ISymbol member in type.GetMembers("Dispose"))
            {
                if (member is IMethodSymbol { Parameters.Length: 0 } dispose && api.BlockingHelperWrapper(dispose) is { } wrapped &&
                    api.FindAsyncVariant(wrapped) is { } variant)
                {
                    context.Report(Diagnostic.Create(Rule, keyword.GetLocation(), type.Name + ".Dispose", variant.Name));
                    break;
                }
            }
        }
    }

    // List<T>'s and Array's methods that call their delegate argument before they return.
    private static readonly ImmutableHashSet<string> s_collectionRunners = ImmutableHashSet.Create(
        "ForEach", "ConvertAll", "Find", "FindAll", "FindIndex", "FindLast", "FindLastIndex", "Exists", "TrueForAll", "RemoveAll");

    /// <summary>A wrapper named as a method group that is an argument (<c>Select(Native.Fsync)</c>), if it is one.</summary>
    private static SyntaxNode? MethodGroupArgument(SimpleNameSyntax name)
    {
        SyntaxNode target = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
        return target.Parent is ArgumentSyntax ? target : null;
    }

    /// <summary>
    /// Whether a delegate (a lambda or method group argument) is given to a library method that runs it on the calling
    /// thread: <c>System.Linq.Enumerable</c>'s operators (deferred ones when their result is enumerated, which the code
    /// that made the query does), and <c>List&lt;T&gt;</c>'s and <c>Array</c>'s ForEach, ConvertAll, Find*, Exists,
    /// TrueForAll and RemoveAll.
    /// </summary>
    private static bool RunsOnCallingThread(CodeRootContext context, SyntaxNode argument)
    {
        if (argument.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } ||
            context.SymbolOf(call) is not IMethodSymbol method)
        {
            return false;
        }

        method = method.ReducedFrom ?? method;
        INamedTypeSymbol type = method.ContainingType.OriginalDefinition;
        string? ns = type.ContainingNamespace?.ToDisplayString();
        return (ns == "System.Linq" && type.Name == "Enumerable")
            || (ns == "System.Collections.Generic" && type.Name == "List" && s_collectionRunners.Contains(method.Name))
            || (ns == "System" && type.Name == "Array" && s_collectionRunners.Contains(method.Name));
    }
}
