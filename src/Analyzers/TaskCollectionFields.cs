using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1006: a collection field of the type that its members fill with operations' tasks (<c>_inFlight.Add(ring.WriteAsync(...))</c>)
/// and that another member copies into a local (<c>var writes = _inFlight.ToArray();</c>) to consume the tasks, as a
/// shutdown drain does. The copy holds the same ValueTasks, so consuming each of them twice there (<c>AsTask()</c> in
/// <c>Task.WhenAll(writes.Select(...))</c>, then <c>await</c> in a <c>foreach</c>) consumes each operation twice.
/// </summary>
/// <remarks>
/// Followed from the first member in source order that adds an operation's task to the field (so the copies are looked
/// at once), for a field only the type can reach (private, or read-only) whose elements are ValueTasks. The copies are
/// the locals a member of the type, in the same tree, declares with the field's <c>ToArray()</c> or <c>ToList()</c> as
/// their value; the member is then followed like a function that filled that local itself.
/// </remarks>
internal static class TaskCollectionFields
{
    /// <summary>The field the call's task is added to (<c>field.Add(call)</c>, through conversions), when it is followed.</summary>
    public static IFieldSymbol? FilledBy(IInvocationOperation call)
    {
        IOperation current = call;
        while (current.Parent is IConversionOperation)
        {
            current = current.Parent;
        }

        if (current.Parent is not IArgumentOperation { Parent: IInvocationOperation { Instance: { } instance } add } ||
            !KeptTasks.IsAdding(add.TargetMethod.Name) ||
            instance.WithoutConversions() is not IFieldReferenceOperation { Field: var field } reference ||
            (reference.Instance is not null && reference.Instance is not IInstanceReferenceOperation))
        {
            return null;
        }

        return (field.DeclaredAccessibility == Accessibility.Private || field.IsReadOnly) && HoldsValueTasks(field.Type) ? field : null;
    }

    /// <summary>
    /// The locals of the type's members that copy <paramref name="field"/> (<c>ToArray()</c>, <c>ToList()</c>), with their
    /// declarators, when <paramref name="owner"/> is the first member that adds to it; empty otherwise.
    /// </summary>
    public static List<(SyntaxNode Member, ILocalSymbol Copy)> Copies(CodeRootContext context, IFieldSymbol field, ISymbol? owner)
    {
        var copies = new List<(SyntaxNode, ILocalSymbol)>();
        bool firstAdderSeen = false;
        foreach (SyntaxReference declaration in field.ContainingType.DeclaringSyntaxReferences)
        {
            SyntaxNode type = declaration.GetSyntax(context.CancellationToken);
            if (type.SyntaxTree != context.Model.SyntaxTree)
            {
                continue;
            }

            foreach (SyntaxNode node in type.DescendantNodes())
            {
                if (node is not IdentifierNameSyntax name || name.Identifier.ValueText != field.Name ||
                    !SymbolEqualityComparer.Default.Equals(context.SymbolOf(name), field))
                {
                    continue;
                }

                ExpressionSyntax reference = name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } self && self.Name == name ? self : name;
                if (reference.Parent is not MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax invocation } access || access.Expression != reference)
                {
                    continue;
                }

                string method = access.Name.Identifier.ValueText;
                if (!firstAdderSeen && KeptTasks.IsAdding(method))
                {
                    // Only the first adder follows the copies: each one is then looked at once.
                    firstAdderSeen = true;
                    if (!SymbolEqualityComparer.Default.Equals(context.Model.GetEnclosingSymbol(invocation.SpanStart, context.CancellationToken), owner))
                    {
                        return new List<(SyntaxNode, ILocalSymbol)>();
                    }
                }

                if (method is "ToArray" or "ToList" && invocation.ArgumentList.Arguments.Count == 0 &&
                    CopiedInto(context, invocation) is { } copy && invocation.FirstAncestorOrSelf<MemberDeclarationSyntax>() is { } member)
                {
                    copies.Add((member, copy));
                }
            }
        }

        return firstAdderSeen ? copies : new List<(SyntaxNode, ILocalSymbol)>();
    }

    /// <summary>The local a copy is declared with or assigned to.</summary>
    private static ILocalSymbol? CopiedInto(CodeRootContext context, InvocationExpressionSyntax copy) => copy.Parent switch
    {
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => context.Model.GetDeclaredSymbol(declarator, context.CancellationToken) as ILocalSymbol,
        AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } assignment when assignment.Right == copy &&
            assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression) => context.SymbolOf(target) as ILocalSymbol,
        _ => null,
    };

    private static bool HoldsValueTasks(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => IsValueTask(array.ElementType),
        INamedTypeSymbol { TypeArguments.Length: 1 } generic => IsValueTask(generic.TypeArguments[0]),
        _ => false,
    };

    private static bool IsValueTask(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "ValueTask", ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };
}
