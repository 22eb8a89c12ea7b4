using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Analyzers;

/// <summary>
/// Lambdas that the code around them hands to another thread: a callback queued to the thread pool
/// (<c>ThreadPool.QueueUserWorkItem</c>, <c>UnsafeQueueUserWorkItem</c>, <c>RegisterWaitForSingleObject</c>), a timer's
/// callback (<c>new System.Threading.Timer(...)</c>), a thread's start (<c>new Thread(...)</c>), <c>Task.Run</c>,
/// <c>TaskFactory.StartNew</c>, a task's <c>ContinueWith</c> and <c>SynchronizationContext.Post</c> (or an override of it:
/// a game loop's single-threaded pump runs what is posted on its own thread, round 53). Such a lambda starts on a thread
/// that has run other code since the function that wrote it: errno and per-thread storage there are that thread's
/// (round 48: callback code migrated to AsyncSys).
/// </summary>
internal static class ThreadHops
{
    /// <summary>Names the token index marks (<see cref="CodeFeatures.ThreadHop"/>).</summary>
    public static readonly string[] Names = { "QueueUserWorkItem", "UnsafeQueueUserWorkItem", "RegisterWaitForSingleObject", "Timer", "Thread", "Run", "StartNew", "ContinueWith", "Post" };

    /// <summary>
    /// The name of the API (<c>ThreadPool.QueueUserWorkItem</c>, ...) a lambda written directly as one of its arguments
    /// hands to another thread; null for any other function (bound only when the syntax can be such an argument).
    /// </summary>
    public static string? RunnerOf(SyntaxNode function, SemanticModel model, CancellationToken cancellationToken)
    {
        if (function is not AnonymousFunctionExpressionSyntax { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: { } call } } })
        {
            return null;
        }

        string? name = call switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Name.Identifier.ValueText,
            InvocationExpressionSyntax { Expression: IdentifierNameSyntax identifier } => identifier.Identifier.ValueText,
            BaseObjectCreationExpressionSyntax => "",
            _ => null,
        };
        if (name is null || (name.Length > 0 && name is not ("QueueUserWorkItem" or "UnsafeQueueUserWorkItem" or "RegisterWaitForSingleObject" or "Run" or "StartNew" or "ContinueWith" or "Post")))
        {
            return null;
        }

        if (model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol { ContainingType: { ContainingNamespace: { } space } type } method)
        {
            return null;
        }

        bool threading = space is { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
        bool tasks = space is { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };
        return (type.Name, method.MethodKind, method.Name) switch
        {
            ("ThreadPool", MethodKind.Ordinary, _) when threading => "ThreadPool." + method.Name,
            ("Timer", MethodKind.Constructor, _) when threading => "a System.Threading.Timer",
            ("Thread", MethodKind.Constructor, _) when threading => "a new Thread",
            ("Task", MethodKind.Ordinary, "Run") when tasks => "Task.Run",
            ("TaskFactory", MethodKind.Ordinary, "StartNew") when tasks => "TaskFactory.StartNew",
            ("Task", MethodKind.Ordinary, "ContinueWith") when tasks => "ContinueWith",
            (_, MethodKind.Ordinary, "Post") when IsSynchronizationContextPost(method) => "SynchronizationContext.Post",
            _ => null,
        };
    }

    /// <summary>
    /// <c>SynchronizationContext.Post</c> itself or an override of it: what is posted runs later on the context's
    /// thread (the pool's, for the base class), never inline on the caller's.
    /// </summary>
    private static bool IsSynchronizationContextPost(IMethodSymbol method)
    {
        for (IMethodSymbol? current = method; current is not null; current = current.OverriddenMethod)
        {
            if (current.ContainingType is { Name: "SynchronizationContext", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } })
            {
                return true;
            }
        }

        return false;
    }
}
