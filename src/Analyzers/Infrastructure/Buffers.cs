using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// Which variable owns the memory behind a buffer expression in one body: an array, a <c>Memory&lt;T&gt;</c>, an
/// <c>IMemoryOwner&lt;T&gt;</c> or a <c>MemoryManager&lt;T&gt;</c>, followed through slices, spans, <c>.Memory</c>
/// and the locals that hold any of them.
/// </summary>
internal sealed class Buffers
{
    private const int MaxDepth = 6;

    private readonly AsyncSysApi _api;
    private readonly Dictionary<ILocalSymbol, ISymbol> _aliases;
    private readonly SemanticModel? _model;

    // The one local or parameter each buffer property is read from in this body (null: more than one, or another instance).
    private readonly Dictionary<IPropertySymbol, ISymbol?> _propertyOwners = new(SymbolEqualityComparer.Default);

    private Buffers(AsyncSysApi api, Dictionary<ILocalSymbol, ISymbol> aliases, SemanticModel? model)
    {
        _api = api;
        _aliases = aliases;
        _model = model;
    }

    /// <summary>Reads the body once for locals that are views of another buffer (<c>var span = array.AsSpan(4)</c>).</summary>
    public static Buffers Collect(AsyncSysApi api, FunctionBody body)
    {
        var buffers = new Buffers(api, new Dictionary<ILocalSymbol, ISymbol>(SymbolEqualityComparer.Default), body.Root.SemanticModel);
        buffers.CollectPropertyOwners(body);
        foreach (IOperation operation in body.Operations)
        {
            (ILocalSymbol? local, IOperation? value) = operation switch
            {
                IVariableDeclaratorOperation { Initializer: { } initializer } declarator => (declarator.Symbol, initializer.Value),
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment => ((ILocalSymbol?)target.Local, assignment.Value),
                _ => (null, null),
            };
            if (local is null || value is null || !buffers.IsView(local.Type))
            {
                continue;
            }

            ISymbol? root = buffers.RootOf(value);
            if (root is not null && !SymbolEqualityComparer.Default.Equals(root, local))
            {
                buffers._aliases[local] = root;
            }
        }

        return buffers;
    }

    /// <summary>
    /// The buffer properties that stand for one buffer in this body: a get-only auto-property (<c>Memory&lt;byte&gt; Data { get; }</c>)
    /// read from a single local (declared outside any loop) or parameter the body never assigns after it is declared, so every <c>victim.Data</c> in
    /// the body is the same memory. Read from two objects, or from something else (a call, a field), the property is not
    /// followed: <c>a.Data</c> and <c>b.Data</c> are different buffers.
    /// </summary>
    private void CollectPropertyOwners(FunctionBody body)
    {
        var assigned = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (IOperation operation in body.Operations)
        {
            if (operation is IPropertyReferenceOperation { Instance: { } instance } reference && IsBuffer(reference.Type) && IsStoredOnce(reference.Property))
            {
                ISymbol? owner = instance.WithoutConversions() switch
                {
                    ILocalReferenceOperation local when !IsDeclaredInLoop(local.Local) => local.Local,
                    IParameterReferenceOperation { Parameter.RefKind: RefKind.None or RefKind.In } parameter => parameter.Parameter,
                    _ => null,
                };
                _propertyOwners[reference.Property] = _propertyOwners.TryGetValue(reference.Property, out ISymbol? seen) && !SymbolEqualityComparer.Default.Equals(seen, owner)
                    ? null
                    : owner;
            }
            else if (operation is IAssignmentOperation { Target: ILocalReferenceOperation or IParameterReferenceOperation } assignment)
            {
                assigned.Add(assignment.Target is ILocalReferenceOperation local ? local.Local : ((IParameterReferenceOperation)assignment.Target).Parameter);
            }
        }

        foreach (IPropertySymbol property in new List<IPropertySymbol>(_propertyOwners.Keys))
        {
            if (_propertyOwners[property] is { } owner && assigned.Contains(owner))
            {
                _propertyOwners[property] = null;
            }
        }
    }

    /// <summary>A loop's variable or a local declared in a loop body is another object on each pass, while the last one's operation may be in flight.</summary>
    private static bool IsDeclaredInLoop(ILocalSymbol local)
    {
        foreach (SyntaxReference reference in local.DeclaringSyntaxReferences)
        {
            for (SyntaxNode? node = reference.GetSyntax(); node is not null and not MemberDeclarationSyntax; node = node.Parent)
            {
                if (node is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A get-only auto-property of this compilation: it returns what the constructor stored, the same memory every time.</summary>
    private static bool IsStoredOnce(IPropertySymbol property)
    {
        if (property.SetMethod is { IsInitOnly: false } || property.DeclaringSyntaxReferences.IsEmpty)
        {
            return false;
        }

        foreach (SyntaxReference reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not PropertyDeclarationSyntax { AccessorList: { } accessors, ExpressionBody: null } ||
                accessors.Accessors.Any(a => a.Body is not null || a.ExpressionBody is not null))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The variable that owns the memory behind <paramref name="value"/>, or null if none is in sight.</summary>
    public ISymbol? RootOf(IOperation value) => RootOf(value, 0);

    private ISymbol? RootOf(IOperation value, int depth)
    {
        while (depth++ < MaxDepth)
        {
            switch (value)
            {
                case IConversionOperation conversion:
                    value = conversion.Operand;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "AsMemory" or "AsSpan" or "Slice" or "GetMemory" or "GetSpan" } invocation:
                    IOperation? source = invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                    if (source is null)
                    {
                        return null;
                    }

                    value = source;
                    continue;
                case IPropertyReferenceOperation { Property.Name: "Memory" or "Span", Instance: { } owner }:
                    value = owner;
                    continue;
                case IImplicitIndexerReferenceOperation { Instance: { } sliced } range when IsView(range.Type) && IsView(sliced.Type):
                    // `memory[2..]`, `span[..4]`: a range of a view is a Slice of the same memory (of an array it would be a copy).
                    value = sliced;
                    continue;
                case IArrayElementReferenceOperation { ArrayReference: { } segments } element when IsView(element.Type):
                    // `segments[1]` of a Memory<byte>[] given to a vectored read: the array stands for every segment.
                    value = segments;
                    continue;
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: ILocalReferenceOperation list } element when IsView(element.Type):
                    // `segments[1]` of a List<Memory<byte>>: the list stands for its segments (a root only when it is one
                    // of an operation's, see BufferTouchedInFlightAnalyzer.AddRoots).
                    return list.Local;
                case IObjectCreationOperation { Arguments.Length: > 0 } creation when IsView(creation.Type):
                    // new Memory<byte>(array, ...), new Span<byte>(array), new ArraySegment<byte>(array, ...)
                    value = creation.Arguments[0].Value;
                    continue;
                case ILocalReferenceOperation local:
                    if (_aliases.TryGetValue(local.Local, out ISymbol? root))
                    {
                        return root;
                    }

                    return IsBuffer(local.Type) ? local.Local : null;
                case IFlowCaptureReferenceOperation capture when _model is not null && capture.Syntax.SyntaxTree == _model.SyntaxTree:
                    // In a control flow graph `using (owner)` disposes a capture of the expression: name what it captured
                    // (operations in a graph carry no semantic model, the body's own tree does).
                    ISymbol? captured = _model.GetSymbolInfo(capture.Syntax).Symbol;
                    if (captured is ILocalSymbol capturedLocal && _aliases.TryGetValue(capturedLocal, out ISymbol? capturedRoot))
                    {
                        return capturedRoot;
                    }

                    return captured switch
                    {
                        ILocalSymbol l when IsBuffer(l.Type) => l,
                        IParameterSymbol p when IsBuffer(p.Type) => p,
                        IFieldSymbol f when IsBuffer(f.Type) => f,
                        _ => null,
                    };
                case IPropertyReferenceOperation { Instance: not null } member when IsBuffer(member.Type) &&
                    _propertyOwners.TryGetValue(member.Property, out ISymbol? single) && single is not null:
                    // `victim.Data`, the one object this body reads it from (see CollectPropertyOwners).
                    return member.Property;
                case IParameterReferenceOperation parameter when IsBuffer(parameter.Type):
                    return parameter.Parameter;
                case IFieldReferenceOperation field when IsBuffer(field.Type):
                    return field.Field;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>An owner of memory the rules follow.</summary>
    public bool IsBuffer(ITypeSymbol? type) =>
        type is IArrayTypeSymbol || IsView(type) || IsMemoryOwner(type) || DerivesFrom(type, _api.MemoryManagerOfT);

    /// <summary>A view of someone else's memory: Memory, ReadOnlyMemory, Span, ReadOnlySpan, ArraySegment.</summary>
    public bool IsView(ITypeSymbol? type) =>
        type is INamedTypeSymbol { IsGenericType: true } named &&
        named.OriginalDefinition.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true } &&
        named.MetadataName is "Memory`1" or "ReadOnlyMemory`1" or "Span`1" or "ReadOnlySpan`1" or "ArraySegment`1";

    /// <summary>An <c>IMemoryOwner&lt;T&gt;</c>, whose Dispose gives the memory back.</summary>
    public bool IsMemoryOwner(ITypeSymbol? type)
    {
        if (type is null || _api.MemoryOwnerOfT is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _api.MemoryOwnerOfT))
        {
            return true;
        }

        foreach (INamedTypeSymbol implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, _api.MemoryOwnerOfT))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
