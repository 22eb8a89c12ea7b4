using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// Forwarding methods: a method of this compilation whose whole body hands back the task of an asynchronous syscall
/// (an <c>IoRing</c> method or a generated variant), started on what its caller passed (<c>ValueTask&lt;int&gt;
/// SendAsync(byte[] frame, int n, CancellationToken ct) =&gt; _ring.SendAsync(_fd, frame.AsMemory(0, n), ...)</c>, the
/// helpers libraries on AsyncSys put between their code and the ring). Its call starts that operation on the caller's
/// arguments, so the rules take the call as the operation itself. Since round 47 a forwarder may forward to another
/// forwarder, three methods deep at most.
/// </summary>
/// <remarks>
/// Every buffer the caller passes must reach the operation, as itself or a view of it (<c>AsMemory</c>, <c>Slice</c>, a range,
/// <c>.Memory</c>, a <c>Memory</c>/<c>ArraySegment</c> made over it): a forwarder that copies or encodes its argument
/// first (<c>Encode(record)</c>) hands the operation other memory, and is not one. Values (numbers, tokens, strings,
/// the ring) pass as they like. A method that is <c>async</c> awaits what it starts and is not a forwarder either.
/// </remarks>
internal static class Forwarders
{
    /// <summary>How many forwarders may stand between a call and the ring's operation, less one.</summary>
    public const int MaxDepth = 2;

    /// <summary>
    /// The call a method's declaration returns as its whole body (an expression body or one <c>return</c>), if it is
    /// written as a forwarder could be: not <c>async</c>, returning a ValueTask by name. Syntax only.
    /// </summary>
    public static InvocationExpressionSyntax? ReturnedCall(MethodDeclarationSyntax method)
    {
        if (method.Modifiers.Any(SyntaxKind.AsyncKeyword) || UsingNames.LastName(method.ReturnType) != "ValueTask")
        {
            return null;
        }

        ExpressionSyntax? returned = method.ExpressionBody?.Expression ??
            (method.Body?.Statements is { Count: 1 } statements && statements[0] is ReturnStatementSyntax { Expression: { } expression } ? expression : null);
        while (returned is ParenthesizedExpressionSyntax parenthesized)
        {
            returned = parenthesized.Expression;
        }

        return returned as InvocationExpressionSyntax;
    }

    /// <summary>
    /// Since round 48: the operation an APM <c>Begin...</c> method starts, if its declaration is written as one could be
    /// (not <c>async</c>, returning <c>IAsyncResult</c>, its whole body a call given the operation's task first:
    /// <c>IAsyncResult BeginWrite(byte[] buffer, int offset, int count, AsyncCallback? cb, object? state) =&gt;
    /// TaskToApm.Begin(ring.WriteAtMostAsync(fd, buffer.AsMemory(offset, count), Position).AsTask(), cb, state);</c>).
    /// Syntax only; <see cref="DecideApmBegin"/> binds it.
    /// </summary>
    public static InvocationExpressionSyntax? ApmBeginStart(MethodDeclarationSyntax method)
    {
        if (!method.Identifier.ValueText.StartsWith("Begin", System.StringComparison.Ordinal) || method.Modifiers.Any(SyntaxKind.AsyncKeyword) ||
            UsingNames.LastName(method.ReturnType) != "IAsyncResult")
        {
            return null;
        }

        ExpressionSyntax? returned = method.ExpressionBody?.Expression ??
            (method.Body?.Statements is { Count: 1 } statements && statements[0] is ReturnStatementSyntax { Expression: { } expression } ? expression : null);
        if (returned is not InvocationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } arguments })
        {
            return null;
        }

        ExpressionSyntax task = arguments[0].Expression;
        while (task is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AsTask" or "Preserve" } access })
        {
            task = access.Expression;
        }

        return task as InvocationExpressionSyntax;
    }

    /// <summary>
    /// Whether an APM <c>Begin...</c> method of this compilation starts an asynchronous syscall on its caller's buffers, as a
    /// forwarder does (<see cref="ApmBeginStart"/>): its call starts the operation, and the <c>IAsyncResult</c> it returns
    /// carries it until handed to the <c>End...</c> method. For ASYS1005 only: a dropped <c>IAsyncResult</c> is the APM norm
    /// when a callback is given, so the other rules do not take it for an operation.
    /// </summary>
    public static bool DecideApmBegin(AsyncSysApi api, IMethodSymbol method)
    {
        if (method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration ||
            ApmBeginStart(declaration) is not { } call || CalledName(call) is not { } name || !api.Names.MayBeAsyncSyscall(name))
        {
            return false;
        }

        SemanticModel model = api.Compilation.GetSemanticModel(declaration.SyntaxTree);
        return model.GetOperation(call) is IInvocationOperation started && api.IsAsyncSyscall(started.TargetMethod) && HandsOnItsBuffers(api, started, method);
    }

    /// <summary>The name a call is made by (<c>SendAsync</c> of <c>_ring.SendAsync(...)</c>), if it has one.</summary>
    public static string? CalledName(InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        SimpleNameSyntax name => name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>Whether a method (an ordinary method of this compilation, its definition) is a forwarder: bound once, by <see cref="AsyncSysApi"/>.</summary>
    public static bool Decide(AsyncSysApi api, IMethodSymbol method, int depth = 0)
    {
        if (method.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        SyntaxReference reference = method.DeclaringSyntaxReferences[0];
        if (reference.GetSyntax() is not MethodDeclarationSyntax declaration || ReturnedCall(declaration) is not { } call ||
            CalledName(call) is not { } name || !api.Names.MayBeAsyncSyscall(name))
        {
            return false;
        }

        SemanticModel model = api.Compilation.GetSemanticModel(reference.SyntaxTree);
        if (model.GetOperation(call) is not IInvocationOperation started || !api.IsValueTask(started.TargetMethod.ReturnType))
        {
            return false;
        }

        IMethodSymbol target = started.TargetMethod;
        // Since round 47 the call may be another forwarder's (`SendFrameAsync(frame, n) => SendAsync(frame.AsMemory(0, n))`
        // with `SendAsync(buffer) => _ring.SendAsync(_fd, buffer, ...)`, the layering of Kestrel's SocketSender), up to
        // three methods from the ring in all; a cycle of them ends there.
        bool operation = (api.IoRing is not null && SymbolEqualityComparer.Default.Equals(target.ContainingType?.OriginalDefinition, api.IoRing)) ||
                         api.IsGeneratedVariant(target) || (depth < MaxDepth && api.IsForwarder(target, depth + 1));
        return operation && HandsOnItsBuffers(api, started, method);
    }

    /// <summary>
    /// Since round 61: a static abstract interface member (<c>static abstract ValueTask&lt;int&gt; StartAsync(IoRing ring, ...)</c>,
    /// called through a type parameter as <c>TProbe.StartAsync(...)</c>) has no body to forward; it starts an operation when
    /// this compilation implements it and every implementation is a forwarder. Implementations are found by the member's
    /// name in the compilation's declarations, so only methods of that name are bound.
    /// </summary>
    public static bool DecideStaticAbstract(AsyncSysApi api, IMethodSymbol member, int depth)
    {
        INamedTypeSymbol contract = member.ContainingType;
        bool any = false;
        foreach (ISymbol symbol in api.Compilation.GetSymbolsWithName(member.Name, SymbolFilter.Member))
        {
            if (symbol is not IMethodSymbol { IsStatic: true, IsAbstract: false, MethodKind: MethodKind.Ordinary } candidate ||
                candidate.ContainingType is not { } type)
            {
                continue;
            }

            foreach (INamedTypeSymbol implemented in type.AllInterfaces)
            {
                if (!SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, contract))
                {
                    continue;
                }

                foreach (ISymbol declared in implemented.GetMembers(member.Name))
                {
                    if (declared is IMethodSymbol interfaceMember &&
                        SymbolEqualityComparer.Default.Equals(interfaceMember.OriginalDefinition, member) &&
                        SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(interfaceMember)?.OriginalDefinition, candidate.OriginalDefinition))
                    {
                        if (!api.IsForwarder(candidate, depth))
                        {
                            return false;
                        }

                        any = true;
                    }
                }
            }
        }

        return any;
    }

    /// <summary>
    /// Whether every argument of <paramref name="started"/> passes on <paramref name="method"/>'s parameters (or views of
    /// them), and every buffer the caller passes reaches the operation: the rules take all of the call's arguments as the
    /// operation's, so a pointer the method takes and does not hand on (<c>SyncAfter(byte* scratch) => FsyncAsync(fd)</c>)
    /// would be taken as in flight.
    /// </summary>
    private static bool HandsOnItsBuffers(AsyncSysApi api, IInvocationOperation started, IMethodSymbol method)
    {
        foreach (IArgumentOperation argument in started.Arguments)
        {
            if (!PassesOnViews(api, argument.Value, method))
            {
                return false;
            }
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (IsBufferLike(api, parameter.Type) && !IsMentioned(started, parameter))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsMentioned(IInvocationOperation started, IParameterSymbol parameter)
    {
        foreach (IArgumentOperation argument in started.Arguments)
        {
            foreach (IOperation inside in argument.Value.DescendantsAndSelf())
            {
                if (inside is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter.OriginalDefinition, parameter))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Every buffer parameter the argument mentions reaches the operation as itself or a view of it.
    private static bool PassesOnViews(AsyncSysApi api, IOperation value, IMethodSymbol method)
    {
        foreach (IOperation inside in value.DescendantsAndSelf())
        {
            if (inside is IParameterReferenceOperation reference &&
                SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol.OriginalDefinition, method) &&
                IsBufferLike(api, reference.Parameter.Type) && !IsViewOfParameter(value) && !IsLengthOf(reference))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsViewOfParameter(IOperation value) => ViewBase(value) is IParameterReferenceOperation;

    // Since round 57: a buffer's length read for a number (an offset advanced by it: `Interlocked.Add(ref _position,
    // buffer.Length) - buffer.Length`) hands on no memory.
    private static bool IsLengthOf(IParameterReferenceOperation reference) =>
        reference.Parent is IPropertyReferenceOperation { Property.Name: "Length" or "IsEmpty" } property &&
        property.Instance == reference;

    /// <summary>
    /// What a value is a view of (<c>AsMemory</c>, <c>Slice</c>, a range, <c>.Memory</c>, a <c>Memory</c>/<c>ArraySegment</c>
    /// made over it), through conversions: the parameter, field or local under the views, or null for anything else.
    /// </summary>
    internal static IOperation? ViewBase(IOperation value)
    {
        while (true)
        {
            value = value.WithoutConversions();
            switch (value)
            {
                case IParameterReferenceOperation or IFieldReferenceOperation or ILocalReferenceOperation:
                    return value;
                case IInvocationOperation { TargetMethod.Name: "AsMemory" or "AsReadOnlyMemory" or "Slice" } view:
                    IOperation? receiver = view.Instance ?? (view.Arguments.Length > 0 ? view.Arguments[0].Value : null);
                    if (receiver is null)
                    {
                        return null;
                    }

                    value = receiver;
                    continue;
                case IPropertyReferenceOperation { Property.Name: "Memory", Instance: { } owner }:
                    value = owner;
                    continue;
                case IImplicitIndexerReferenceOperation range:
                    value = range.Instance;
                    continue;
                case IObjectCreationOperation { Arguments.Length: > 0 } creation when creation.Type is INamedTypeSymbol { Name: "Memory" or "ReadOnlyMemory" or "ArraySegment" }:
                    value = creation.Arguments[0].Value;
                    continue;
                default:
                    return null;
            }
        }
    }

    /// <summary>
    /// Since session 56: the buffer fields of its own object a forwarder of this compilation hands to its operation
    /// (<c>ValueTask&lt;int&gt; StartSend() =&gt; _ring.SendAsync(_fd, _buffer.AsMemory(0, 8));</c>), as themselves or in a
    /// view: called on the same object, the call starts the operation on those fields, which stay in flight until its
    /// task is awaited. Only fields read through <c>this</c> (written or implied) with a buffer's type; a field of
    /// another object, a local or a copy made first is not followed. Empty for a method that is no forwarder.
    /// </summary>
    public static List<IFieldSymbol>? OwnBufferFields(AsyncSysApi api, IMethodSymbol method)
    {
        IMethodSymbol definition = (method.ReducedFrom ?? method).OriginalDefinition;
        if (definition.IsStatic || !api.IsForwarder(definition) || definition.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        SyntaxReference reference = definition.DeclaringSyntaxReferences[0];
        if (reference.GetSyntax() is not MethodDeclarationSyntax declaration || ReturnedCall(declaration) is not { } call ||
            api.Compilation.GetSemanticModel(reference.SyntaxTree).GetOperation(call) is not IInvocationOperation started)
        {
            return null;
        }

        List<IFieldSymbol>? fields = null;
        foreach (IArgumentOperation argument in started.Arguments)
        {
            if (ViewBase(argument.Value) is IFieldReferenceOperation { Field: { IsStatic: false } field, Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } &&
                IsBufferLike(api, field.Type) && !(fields ??= new List<IFieldSymbol>()).Contains(field))
            {
                fields.Add(field);
            }
        }

        return fields;
    }

    // Memory a caller may hand on: arrays, pointers and addresses, Memory/ArraySegment views, owners and managers of
    // memory, and lists of segments. Everything else (numbers, tokens, strings, the ring, handles) is a value.
    internal static bool IsBufferLike(AsyncSysApi api, ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol or IPointerTypeSymbol || SymbolEqualityComparer.Default.Equals(type, api.IntPtr) ||
            type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr)
        {
            return true;
        }

        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        if (api.Is(named, api.MemoryOfT) || api.Is(named, api.ReadOnlyMemoryOfT) || named.OriginalDefinition.Name == "ArraySegment" ||
            api.Is(named, api.MemoryOwnerOfT) || api.Is(named, api.MemoryManagerOfT))
        {
            return true;
        }

        foreach (INamedTypeSymbol implemented in named.AllInterfaces)
        {
            if (api.Is(implemented, api.MemoryOwnerOfT) ||
                (implemented.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T &&
                 implemented.TypeArguments[0] is INamedTypeSymbol element && (api.Is(element, api.MemoryOfT) || api.Is(element, api.ReadOnlyMemoryOfT))))
            {
                return true;
            }
        }

        for (INamedTypeSymbol? current = named.BaseType; current is not null; current = current.BaseType)
        {
            if (api.Is(current, api.MemoryManagerOfT))
            {
                return true;
            }
        }

        return false;
    }
}
