using System.Collections.Generic;
using Microsoft.CodeAnalysis;
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
