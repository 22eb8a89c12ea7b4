using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Generator.Model;

/// <summary>
/// Whether the generated method submits a wrapper's call to the ring, as which operation, or runs it on a
/// blocking-call worker. The generator plans with it, and the analyzers compile it in (with the planning files it
/// needs, listed in src/Analyzers/AsyncSys.Analyzers.csproj) to ask <see cref="Of"/>, so the two never disagree.
/// </summary>
internal static class RingPlacement
{
    /// <summary>
    /// Where the generator runs <paramref name="wrapper"/>: the ring operation it submits, <see cref="RingOpKind.None"/>
    /// for a worker, or <see langword="null"/> when its explicit <c>RingOp</c> does not fit (ASYS0006: nothing is generated).
    /// </summary>
    public static RingOpKind? Of(IMethodSymbol wrapper, AttributeData attribute)
    {
        if (!WrapperOptions.TryRead(attribute, out WrapperOptions options))
        {
            return null;
        }

        CallPlan? plan = TryPlan(wrapper, options.Op, EntryPointOf(wrapper), options.NegativeErrno, new LocalNames(wrapper), out string? refusal, out RingOpKind unchosen);
        return refusal is not null || unchosen != RingOpKind.None ? null : plan?.RingOp ?? RingOpKind.None;
    }

    /// <summary>
    /// The ring call for the wrapper, or <see langword="null"/>: a worker runs it (<paramref name="refusal"/> is
    /// <see langword="null"/>), or its explicit operation does not fit (<paramref name="refusal"/> says why), or it is an
    /// ordinary method whose name and parameters fit a ring operation, <paramref name="unchosen"/>, that it did not
    /// choose (ASYS0015: nothing is generated until it says RingOp.X or RingOp.None).
    /// </summary>
    public static CallPlan? TryPlan(IMethodSymbol method, RingOpKind op, string entryPoint, bool negativeErrno, LocalNames locals, out string? refusal, out RingOpKind unchosen)
    {
        refusal = null;
        unchosen = RingOpKind.None;
        if (op == RingOpKind.None)
        {
            return null;
        }

        if (op == RingOpKind.Auto)
        {
            // Inferred: the first known shape that fits wins; a call that fits none still works, on a worker.
            foreach (SyscallShape shape in KnownSyscalls.Find(entryPoint))
            {
                if (shape.Op == RingOpKind.None)
                {
                    continue;
                }

                CallPlan? plan = RingCallPlanner.TryPlan(shape, method, negativeErrno, stated: false, locals, out _);
                if (plan is not null && IsOrdinary(method))
                {
                    // A method with a body is not the libc call it is named after: on the ring its body would never
                    // run (a Write that frames its payload, an Open that turns FileAccess into O_ flags). Never guessed.
                    unchosen = shape.Op;
                    return null;
                }

                if (plan is not null)
                {
                    return plan;
                }
            }

            return null;
        }

        if (!AsyncSys.Shared.RingOperations.IsOperation(op))
        {
            // Not an operation of the shared table (a cast number): nothing to submit.
            refusal = "it is not an operation";
            return null;
        }

        // Explicit: the wrapper's own entry point first, then every shape of that operation; one must fit.
        var candidates = new List<SyscallShape>();
        foreach (SyscallShape shape in KnownSyscalls.Find(entryPoint))
        {
            if (shape.Op == op)
            {
                candidates.Add(shape);
            }
        }

        // With no shape of its own (an ordinary method, an unknown entry point), the parameters alone must say which call
        // it is: a span followed by an integer fits write (the integer is its count, dropped) and pwrite (the offset).
        bool ownShape = candidates.Count > 0;
        candidates.AddRange(KnownSyscalls.ForOp(op));
        string? firstReason = null;
        CallPlan? chosen = null;
        SyscallShape? chosenShape = null;
        foreach (SyscallShape shape in candidates)
        {
            CallPlan? plan = RingCallPlanner.TryPlan(shape, method, negativeErrno, stated: true, locals, out string whyNot);
            if (plan is not null && chosen is null)
            {
                chosen = plan;
                chosenShape = shape;
                if (ownShape)
                {
                    return plan;
                }
            }
            else if (plan is not null && Dropped(chosen!, plan) is { } dropped)
            {
                refusal = "it fits both " + chosenShape!.EntryPoint + " and " + shape.EntryPoint + ", which read '" + dropped
                    + "' differently (one drops it as the length of the buffer before it, which carries its own length); declare the call's parameters"
                    + " in full (a byte count after the buffer, then the offset), or drop '" + dropped + "' if it is the buffer's length";
                return null;
            }
            else if (plan is null)
            {
                firstReason ??= whyNot;
            }
        }

        if (chosen is not null)
        {
            return chosen;
        }

        refusal = firstReason ?? "no syscall wrapper maps to this operation";
        return null;
    }

    /// <summary>A wrapper parameter one plan passes on and the other drops, or <see langword="null"/> when both pass the same ones.</summary>
    private static string? Dropped(CallPlan first, CallPlan second)
    {
        var firstNames = new HashSet<string>();
        foreach (ParameterModel parameter in first.Parameters)
        {
            firstNames.Add(parameter.Name);
        }

        var secondNames = new HashSet<string>();
        foreach (ParameterModel parameter in second.Parameters)
        {
            secondNames.Add(parameter.Name);
            if (!firstNames.Contains(parameter.Name))
            {
                return parameter.Name;
            }
        }

        foreach (string name in firstNames)
        {
            if (!secondNames.Contains(name))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>
    /// An ordinary method whose body only throws (<c>=&gt; throw new NotImplementedException()</c>): a stub that states a
    /// ring operation, not the call. Its variant never runs it, not even for arguments the ring request refuses.
    /// </summary>
    public static bool IsStub(IMethodSymbol method)
    {
        if (!IsOrdinary(method) || method.DeclaringSyntaxReferences.Length != 1 ||
            method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration)
        {
            return false;
        }

        return declaration.ExpressionBody?.Expression is ThrowExpressionSyntax ||
            declaration.Body is { Statements: { Count: 1 } statements } && statements[0] is ThrowStatementSyntax;
    }

    /// <summary>A method with a body of its own: neither <c>[DllImport]</c> nor <c>[LibraryImport]</c>.</summary>
    public static bool IsOrdinary(IMethodSymbol method)
    {
        if (method.IsExtern || method.GetDllImportData() is not null)
        {
            return false;
        }

        foreach (AttributeData data in method.GetAttributes())
        {
            if (data.AttributeClass is { } type && TypeFacts.IsNamed(type, "System.Runtime.InteropServices", "LibraryImportAttribute"))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The library an import names (<c>[LibraryImport]</c>'s or <c>[DllImport]</c>'s first argument), or null for an ordinary method.</summary>
    public static string? LibraryOf(IMethodSymbol method)
    {
        foreach (AttributeData data in method.GetAttributes())
        {
            if (data.AttributeClass is { } type && TypeFacts.IsNamed(type, "System.Runtime.InteropServices", "LibraryImportAttribute")
                && data.ConstructorArguments.Length == 1 && data.ConstructorArguments[0].Value is string library)
            {
                return library;
            }
        }

        return method.GetDllImportData()?.ModuleName;
    }

    /// <summary>The libc entry point: <c>EntryPoint</c> of <c>[LibraryImport]</c> or <c>[DllImport]</c>, else the method's name.</summary>
    public static string EntryPointOf(IMethodSymbol method)
    {
        foreach (AttributeData data in method.GetAttributes())
        {
            if (data.AttributeClass is { } type && TypeFacts.IsNamed(type, "System.Runtime.InteropServices", "LibraryImportAttribute"))
            {
                foreach (KeyValuePair<string, TypedConstant> named in data.NamedArguments)
                {
                    if (named.Key == "EntryPoint" && named.Value.Value is string entryPoint && entryPoint.Length > 0)
                    {
                        return entryPoint;
                    }
                }
            }
        }

        return method.GetDllImportData()?.EntryPointName is { Length: > 0 } dllEntryPoint ? dllEntryPoint : method.Name;
    }
}
