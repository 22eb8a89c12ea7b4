using System.Threading;
using AsyncSys.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Generator.Model;

internal static partial class WrapperInspector
{
    /// <summary>
    /// ASYS0016: a wrapper that is a call acting on the calling thread (its entry point is in <see cref="CallingThreadCalls"/>),
    /// or an ordinary method whose body makes such a call that answers with the calling thread's state. Its variant would run
    /// it on a worker: the answer would be the worker's, the change the worker's (staying there for the calls it runs next).
    /// A body that only changes the thread's state (setns, then mount) uses the change within the same worker call: not refused.
    /// </summary>
    private static void CheckCallingThread(IMethodSymbol method, MethodDeclarationSyntax syntax, SemanticModel semanticModel, Location nameLocation, ProblemSink problems, CancellationToken cancellationToken)
    {
        if (!RingPlacement.IsOrdinary(method))
        {
            string entryPoint = RingPlacement.EntryPointOf(method);
            if (CallingThreadCalls.Find(entryPoint) is { } call)
            {
                problems.Report(DiagnosticDescriptors.ActsOnCallingThread, nameLocation, method.Name, "calls", entryPoint, call.Why, call.Answers ? "answer for" : "act on");
            }

            return;
        }

        SyntaxNode? body = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody;
        if (body is null || semanticModel.SyntaxTree != syntax.SyntaxTree)
        {
            return;
        }

        foreach (SyntaxNode node in body.DescendantNodes())
        {
            if (node is InvocationExpressionSyntax invocation
                && semanticModel.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol target
                && !RingPlacement.IsOrdinary(target)
                && CallingThreadCalls.Find(RingPlacement.EntryPointOf(target)) is { Answers: true } call)
            {
                problems.Report(DiagnosticDescriptors.ActsOnCallingThread, nameLocation, method.Name, "has a body that calls", call.EntryPoint, call.Why, "answer for");
                return;
            }
        }
    }
}
