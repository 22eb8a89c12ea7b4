using System.Collections.Generic;
using System.Threading;
using AsyncSys.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Generator.Model;

internal static partial class WrapperInspector
{
    /// <summary>
    /// ASYS0019: a wrapper that is a call whose result points into storage the call reuses (<see cref="StaticResultCalls"/>),
    /// or an ordinary method whose body hands such a pointer on (returns it, or stores it in an out or ref parameter or a
    /// field). The variant would give the caller the pointer after its await, from a worker, when another call may have
    /// overwritten the storage. A body that reads what it needs from the result before it returns is fine: the worker runs
    /// the whole body, and the copy is the caller's.
    /// </summary>
    private static void CheckStaticResult(IMethodSymbol method, MethodDeclarationSyntax syntax, SemanticModel semanticModel, Location nameLocation, ProblemSink problems, CancellationToken cancellationToken)
    {
        if (!RingPlacement.IsOrdinary(method))
        {
            string entryPoint = RingPlacement.EntryPointOf(method);
            if (StaticResultCalls.Find(entryPoint) is { } call)
            {
                problems.Report(DiagnosticDescriptors.ResultInReusedStorage, nameLocation, method.Name, "is", entryPoint, DiagnosticDescriptors.ReusedStorage(call.Why), call.Instead);
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
            cancellationToken.ThrowIfCancellationRequested();
            if (node is not InvocationExpressionSyntax invocation
                || semanticModel.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation
                || RingPlacement.IsOrdinary(operation.TargetMethod)
                || StaticResultCalls.Find(RingPlacement.EntryPointOf(operation.TargetMethod)) is not { } call)
            {
                continue;
            }

            if (HandedOn(operation, body, semanticModel, cancellationToken))
            {
                problems.Report(DiagnosticDescriptors.ResultInReusedStorage, nameLocation, method.Name, "has a body that returns the result of", call.EntryPoint, DiagnosticDescriptors.ReusedStorage(call.Why), call.Instead);
                return;
            }
        }
    }

    /// <summary>
    /// Whether the value of <paramref name="value"/> leaves the body as it is: returned, or assigned to an out or ref parameter,
    /// a field or a property, itself (through conversions) or through a local it initializes or is assigned to.
    /// </summary>
    private static bool HandedOn(IOperation value, SyntaxNode body, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        IOperation current = value;
        while (current.Parent is IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        switch (current.Parent)
        {
            case IReturnOperation:
                return true;
            case ISimpleAssignmentOperation assignment when assignment.Value == current:
                return assignment.Target switch
                {
                    IParameterReferenceOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } => true,
                    IFieldReferenceOperation or IPropertyReferenceOperation => true,
                    ILocalReferenceOperation local => LocalHandedOn(local.Local, body, semanticModel, cancellationToken),
                    _ => false,
                };
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return LocalHandedOn(declarator.Symbol, body, semanticModel, cancellationToken);
            default:
                return false;
        }
    }

    private static bool LocalHandedOn(ILocalSymbol local, SyntaxNode body, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        foreach (SyntaxNode node in body.DescendantNodes())
        {
            if (node is IdentifierNameSyntax name && name.Identifier.ValueText == local.Name
                && semanticModel.GetOperation(name, cancellationToken) is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                && !(reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference)
                && HandedOnDirectly(reference))
            {
                return true;
            }
        }

        return false;
    }

    // A local's use hands the value on only when it is returned or stored as it is (not read through, compared or passed on).
    private static bool HandedOnDirectly(IOperation value)
    {
        IOperation current = value;
        while (current.Parent is IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        return current.Parent switch
        {
            IReturnOperation => true,
            ISimpleAssignmentOperation assignment when assignment.Value == current => assignment.Target is IParameterReferenceOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } or IFieldReferenceOperation or IPropertyReferenceOperation,
            _ => false,
        };
    }
}
