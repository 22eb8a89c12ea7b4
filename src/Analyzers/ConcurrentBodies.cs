using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1005 across runs of one body (since round 51): an async lambda that fan-out code runs for several elements at
/// once (<c>Parallel.ForEachAsync</c>, <c>Parallel.ForAsync</c>, or <c>Task.WhenAll(items.Select(async item =&gt; ...))</c>)
/// that starts an operation on a buffer it shares with its other runs (a variable declared outside the lambda, a
/// parameter of the function around it, a field) and writes or releases that buffer. Each run may await its own operation
/// before its next write, but another run's operation on the same array may be in flight at that write: one run encodes a
/// header into the shared scratch array while another run's send still reads it.
/// </summary>
/// <remarks>
/// Decided on the lambda's own body, not along paths: any write or release of the shared buffer there is reported (the
/// first). Quiet when the function sets <c>MaxDegreeOfParallelism</c> to the constant 1 anywhere (one run at a time). A
/// body given as a method group or a delegate variable, or one that reaches the buffer only through a helper, is not
/// followed.
///
/// Since round 54 also the async methods of a type marked <c>[Reentrant]</c> (an Orleans grain whose calls interleave at
/// their awaits) and async methods marked <c>[AlwaysInterleave]</c>: a second call runs while the first is suspended at the
/// await of its operation, so a buffer held in a field of the grain is shared by the calls exactly as a fan-out's runs share
/// it. A grain without the attribute runs one call to its end before the next and is not followed.
/// </remarks>
internal static class ConcurrentBodies
{
    /// <summary>Names the token index marks (<see cref="CodeFeatures.ConcurrentBody"/>).</summary>
    public static readonly string[] Names = { "ForEachAsync", "ForAsync", "WhenAll", "AlwaysInterleave" };

    /// <summary>Whether the type is marked <c>[Reentrant]</c> (by the attribute's name, as written).</summary>
    public static bool IsReentrantType(Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax type) =>
        HasAttribute(type.AttributeLists, "Reentrant");

    private static bool HasAttribute(SyntaxList<Microsoft.CodeAnalysis.CSharp.Syntax.AttributeListSyntax> lists, string name)
    {
        foreach (Microsoft.CodeAnalysis.CSharp.Syntax.AttributeListSyntax list in lists)
        {
            foreach (Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax attribute in list.Attributes)
            {
                string written = attribute.Name is Microsoft.CodeAnalysis.CSharp.Syntax.QualifiedNameSyntax qualified ? qualified.Right.Identifier.ValueText
                    : attribute.Name is Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax simple ? simple.Identifier.ValueText
                    : attribute.Name is Microsoft.CodeAnalysis.CSharp.Syntax.AliasQualifiedNameSyntax alias ? alias.Name.Identifier.ValueText
                    : "";
                if (written == name || written == name + "Attribute")
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether the symbol carries an attribute of the given name (<c>XAttribute</c>).</summary>
    private static bool Carries(ISymbol symbol, string name)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == name + "Attribute")
            {
                return true;
            }
        }

        return false;
    }

    public static void Report(CodeRootContext context, AsyncSysApi api, FunctionBody body)
    {
        // An async method of a [Reentrant] grain, or one marked [AlwaysInterleave]: its calls interleave at its awaits.
        if (body.Symbol is { MethodKind: MethodKind.Ordinary, IsAsync: true, IsStatic: false, ContainingType: { } grain } interleaved &&
            SymbolEqualityComparer.Default.Equals(interleaved, context.Owner) &&
            (Carries(interleaved, "AlwaysInterleave") || Carries(grain, "Reentrant")))
        {
            ReportIn(context, api, Carries(interleaved, "AlwaysInterleave")
                ? "'" + interleaved.Name + "' is marked [AlwaysInterleave], so its calls interleave at its awaits and share '{0}': another call's operation may be in flight"
                : "'" + grain.Name + "' is [Reentrant], so a second call of '" + interleaved.Name + "' may run while this one awaits, sharing '{0}': another call's operation may be in flight",
                interleaved);
        }

        bool? oneAtATime = null;
        foreach (IOperation operation in body.Operations)
        {
            if (operation is not IInvocationOperation { TargetMethod: { ContainingType: { } type } method } fanOut || !IsTasksType(type))
            {
                continue;
            }

            string runner;
            IReadOnlyList<IArgumentOperation> arguments;
            if (type.Name == "Parallel" && method.Name is "ForEachAsync" or "ForAsync")
            {
                runner = "Parallel." + method.Name;
                arguments = fanOut.Arguments;
            }
            else if (type.Name == "Task" && method.Name == "WhenAll" && fanOut.Arguments.Length == 1 &&
                     fanOut.Arguments[0].Value.WithoutConversions() is IInvocationOperation { TargetMethod.Name: "Select" } select)
            {
                runner = "Task.WhenAll over Select";
                arguments = select.Arguments;
            }
            else
            {
                continue;
            }

            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.Value.WithoutConversions() is IDelegateCreationOperation { Target: IAnonymousFunctionOperation { Symbol.IsAsync: true } lambda })
                {
                    oneAtATime ??= SetsOneAtATime(body);
                    if (oneAtATime == false)
                    {
                        ReportIn(context, api, runner + " (line " + Line(fanOut.Syntax) + ") runs this body for several elements at once, and every run shares '{0}': another run's operation may be in flight", lambda.Symbol);
                    }
                }
            }
        }
    }

    private static void ReportIn(CodeRootContext context, AsyncSysApi api, string runs, IMethodSymbol lambda)
    {
        foreach (FunctionBody run in context.Bodies)
        {
            if (!SymbolEqualityComparer.Default.Equals(run.Symbol, lambda))
            {
                continue;
            }

            Buffers buffers = Buffers.Collect(api, run);
            IInvocationOperation? started = null;
            var shared = new List<ISymbol>();
            foreach (IOperation operation in run.Operations)
            {
                if (operation is not IInvocationOperation call || !api.IsAsyncSyscall(call.TargetMethod))
                {
                    continue;
                }

                foreach (IArgumentOperation argument in call.Arguments)
                {
                    if (buffers.RootOf(argument.Value) is { } root && IsShared(root, lambda) && !shared.Contains(root) && !IsPartOfRun(argument.Value))
                    {
                        shared.Add(root);
                        started ??= call;
                    }
                }
            }

            if (started is null)
            {
                return;
            }

            // The first touch in source order (the body's operations are not listed in that order).
            IOperation? first = null;
            (ISymbol Buffer, string How) firstTouch = default;
            foreach (IOperation operation in run.Operations)
            {
                // Another operation of the body on the buffer is no write by the code (two runs' reads into it: left to the
                // operations' own parts, see IsPartOfRun).
                if ((first is null || operation.Syntax.SpanStart < first.Syntax.SpanStart) &&
                    !(operation is IInvocationOperation call && api.IsAsyncSyscall(call.TargetMethod)) &&
                    Touches.Describe(api, buffers, operation) is { } touch && shared.Contains(touch.Buffer))
                {
                    first = operation;
                    firstTouch = touch;
                }
            }

            if (first is not null)
            {
                context.Report(Diagnostic.Create(
                    BufferTouchedInFlightAnalyzer.Rule, first.Syntax.GetLocation(), additionalLocations: new[] { started.Syntax.GetLocation() },
                    firstTouch.Buffer!.Name, firstTouch.How, started.TargetMethod.Name, Line(started.Syntax),
                    runs.Replace("{0}", firstTouch.Buffer.Name)));
            }

            return;
        }
    }

    /// <summary>A buffer every run of the lambda sees: a variable of the code around it, or a field.</summary>
    private static bool IsShared(ISymbol root, IMethodSymbol lambda) => root switch
    {
        ILocalSymbol local => !SymbolEqualityComparer.Default.Equals(local.ContainingSymbol, lambda),
        IParameterSymbol parameter => !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, lambda),
        IFieldSymbol => true,
        _ => false,
    };

    /// <summary>
    /// Whether an operation's buffer argument is a part starting at a value that is not a constant (<c>destination.Slice(start,
    /// chunk.Length)</c>, <c>frame[offset..]</c>; not <c>AsMemory(0, n)</c>): each run may be given its own part, so the runs are not taken to share it.
    /// </summary>
    private static bool IsPartOfRun(IOperation value)
    {
        foreach (IOperation part in value.DescendantsAndSelf())
        {
            switch (part)
            {
                case IInvocationOperation { TargetMethod.Name: "Slice" or "AsMemory" or "AsSpan" } view:
                    // The start picks the part (`Slice(start, n)`, `AsMemory(start, n)`); a length alone does not (`AsMemory(0, n)`).
                    int start = view.Instance is null ? 1 : 0;
                    foreach (IArgumentOperation bound in view.Arguments)
                    {
                        if (bound.Parameter?.Ordinal == start && bound.Parameter.Type.SpecialType == SpecialType.System_Int32 && !bound.Value.ConstantValue.HasValue)
                        {
                            return true;
                        }
                    }

                    break;
                case IRangeOperation { LeftOperand: { } from } when !from.WithoutConversions().ConstantValue.HasValue:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Whether the function sets <c>MaxDegreeOfParallelism</c> to the constant 1 (runs one body at a time).</summary>
    private static bool SetsOneAtATime(FunctionBody body)
    {
        foreach (IOperation operation in body.Operations)
        {
            if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "MaxDegreeOfParallelism" }, Value.ConstantValue: { HasValue: true, Value: 1 } })
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTasksType(INamedTypeSymbol type) =>
        type.ContainingNamespace is { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    private static string Line(SyntaxNode node) =>
        (node.GetLocation().GetLineSpan().StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
