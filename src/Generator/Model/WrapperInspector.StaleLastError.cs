using System.Threading;
using AsyncSys.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Generator.Model;

internal static partial class WrapperInspector
{
    /// <summary>
    /// ASYS0020 (a warning; the variant is still generated): an ordinary method whose body reads
    /// <c>Marshal.GetLastWin32Error()</c> or <c>Marshal.GetLastPInvokeError()</c> while every import the body calls is declared
    /// without <c>SetLastError = true</c>. Nothing in the body then sets that value: it is what an earlier P/Invoke left on the
    /// thread, and on a worker (which clears it before running the body) 0. A body that also calls an import that sets it is
    /// not judged (the read may be about that call), nor one that sets the value itself (Marshal.SetLastPInvokeError).
    /// </summary>
    private static void CheckStaleLastError(IMethodSymbol method, MethodDeclarationSyntax syntax, SemanticModel semanticModel, Location nameLocation, ProblemSink problems, CancellationToken cancellationToken)
    {
        SyntaxNode? body = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody;
        if (body is null || semanticModel.SyntaxTree != syntax.SyntaxTree)
        {
            return;
        }

        string? read = null;
        string? import = null;
        foreach (SyntaxNode node in body.DescendantNodes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (node is not InvocationExpressionSyntax invocation
                || semanticModel.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol callee)
            {
                continue;
            }

            if (IsMarshal(callee))
            {
                if (callee.Name is "GetLastWin32Error" or "GetLastPInvokeError")
                {
                    read ??= callee.Name;
                }
                else if (callee.Name == "SetLastPInvokeError")
                {
                    return;
                }

                continue;
            }

            if (RingPlacement.IsOrdinary(callee))
            {
                continue;
            }

            if (SetsLastError(callee))
            {
                return;
            }

            import ??= callee.Name;
        }

        if (read is not null && import is not null)
        {
            problems.Report(DiagnosticDescriptors.StaleLastError, nameLocation, method.Name, read, import);
        }
    }

    private static bool IsMarshal(IMethodSymbol method) =>
        method.ContainingType is { Name: "Marshal" } type && TypeFacts.IsNamed(type, "System.Runtime.InteropServices", "Marshal");

    /// <summary>Whether an import saves errno as the last P/Invoke error: [DllImport] or [LibraryImport] with SetLastError = true.</summary>
    internal static bool SetsLastError(IMethodSymbol import)
    {
        if (import.GetDllImportData() is { } data)
        {
            return data.SetLastError;
        }

        foreach (AttributeData attribute in import.GetAttributes())
        {
            if (attribute.AttributeClass is { } type && TypeFacts.IsNamed(type, "System.Runtime.InteropServices", "LibraryImportAttribute"))
            {
                foreach (System.Collections.Generic.KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
                {
                    if (argument.Key == "SetLastError" && argument.Value.Value is true)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
