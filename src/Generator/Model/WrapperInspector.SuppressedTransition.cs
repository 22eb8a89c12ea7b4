using System.Threading;
using AsyncSys.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Generator.Model;

internal static partial class WrapperInspector
{
    /// <summary>Why a call that can wait must not skip the GC transition (the end of every ASYS0001 about it).</summary>
    private const string SuppressedTransitionWaits =
        "it would wait without leaving cooperative mode, so every garbage collection in the process waits with it and the variant's "
        + "cancellation cannot run once one has started; [SuppressGCTransition] is only for calls that never block, so remove it "
        + "(or keep a second import without it for the calls that wait)";

    /// <summary>
    /// A variant run on a worker whose call skips the GC transition and can wait: an import of a call that waits for a peer
    /// (accept, recv, send, connect, poll and their message forms, which the worker variant cancels by interrupting the wait),
    /// or an ordinary method whose body calls an import of such a call, or of one of <see cref="WaitingCalls"/>, marked
    /// [SuppressGCTransition]. The imports' entry points say what they call; a call through a function pointer does not
    /// (its target is resolved at run time), so it is not judged. The waiting import itself is refused before planning.
    /// </summary>
    private static void CheckSuppressedTransitionOnWorker(
        IMethodSymbol method,
        MethodDeclarationSyntax syntax,
        SemanticModel semanticModel,
        Location nameLocation,
        string entryPoint,
        ProblemSink problems,
        CancellationToken cancellationToken)
    {
        if (!RingPlacement.IsOrdinary(method))
        {
            if (SuppressesGcTransition(method) && !WaitingCalls.Contains(entryPoint) && WaitsForPeer(entryPoint))
            {
                problems.Report(DiagnosticDescriptors.WrapperShapeInvalid, nameLocation, method.Name,
                    "is marked [SuppressGCTransition] and calls '" + entryPoint + "', which its variant runs on a worker and which can wait for a peer: "
                    + SuppressedTransitionWaits);
            }

            return;
        }

        SyntaxNode? body = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody;
        if (body is null)
        {
            return;
        }

        foreach (SyntaxNode node in body.DescendantNodes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (node is not InvocationExpressionSyntax invocation
                || semanticModel.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol callee
                || RingPlacement.IsOrdinary(callee)
                || !SuppressesGcTransition(callee))
            {
                continue;
            }

            string calls = RingPlacement.EntryPointOf(callee);
            if (WaitingCalls.Contains(calls) || WaitsForPeer(calls))
            {
                problems.Report(DiagnosticDescriptors.WrapperShapeInvalid, nameLocation, method.Name,
                    "runs on a worker and its body calls '" + callee.Name + "', an import of '" + calls + "' marked [SuppressGCTransition], which can wait: "
                    + SuppressedTransitionWaits);
                return;
            }
        }
    }

    /// <summary>Whether the table says the call can wait for a peer (the calls a worker variant interrupts to cancel).</summary>
    private static bool WaitsForPeer(string entryPoint)
    {
        foreach (SyscallShape shape in KnownSyscalls.Find(entryPoint))
        {
            if (shape.Op is RingOpKind.Accept or RingOpKind.Recv or RingOpKind.RecvMsg or RingOpKind.Send
                or RingOpKind.SendMsg or RingOpKind.Connect or RingOpKind.Poll)
            {
                return true;
            }
        }

        return false;
    }
}
