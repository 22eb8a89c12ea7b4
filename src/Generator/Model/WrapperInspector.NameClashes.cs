using System.Collections.Generic;
using AsyncSys.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Model;

/// <summary>The checks that the generated members' names are free.</summary>
internal static partial class WrapperInspector
{
    private static void CheckNameClashes(
        IMethodSymbol method,
        Location location,
        string generatedName,
        CallPlan? plan,
        string stateTypeName,
        string resultRecordName,
        ProblemSink problems)
    {
        INamedTypeSymbol type = method.ContainingType;
        if (type.Name == generatedName)
        {
            ReportClash(method, location, generatedName, "the type's own name", problems);
            return;
        }

        foreach (ISymbol member in type.GetMembers(generatedName))
        {
            if (IsGenerated(member))
            {
                continue;
            }

            if (member is not IMethodSymbol existing || plan is null || SameSignature(existing, plan, method))
            {
                ReportClash(method, location, generatedName, "the existing member '" + member.ToDisplayString() + "'", problems);
                return;
            }
        }

        // An inherited member of the same signature would be hidden (CS0114/CS0108 in generated code) and its
        // existing callers would silently rebind to the generated method.
        for (INamedTypeSymbol? baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            foreach (ISymbol member in baseType.GetMembers(generatedName))
            {
                if (member.DeclaredAccessibility == Accessibility.Private || member.IsImplicitlyDeclared)
                {
                    continue;
                }

                if (member is not IMethodSymbol inherited || plan is null || SameSignature(inherited, plan, method))
                {
                    ReportClash(method, location, generatedName, "the inherited member '" + member.ToDisplayString() + "', which it would hide", problems);
                    return;
                }
            }

            // A wrapper of a base type in this compilation (an override of a virtual wrapper, a 'new' one) gets its own
            // variant, which this generator run cannot see among the base's members: the two would hide each other the same way.
            if (plan is not null && InheritedWrapper(baseType, generatedName, plan) is { } baseWrapper)
            {
                ReportClash(method, location, generatedName, "the method generated for the inherited wrapper '" + baseWrapper.ToDisplayString() + "', which it would hide", problems);
                return;
            }
        }

        // An interface method of the same signature that the type implements explicitly, or leaves to its default
        // implementation: the generated method would be a second method of that name (calls on the type and calls
        // through the interface would run different code), or would silently take the default implementation's place.
        // One the type implements with a member of its own or of a base type was reported above.
        foreach (INamedTypeSymbol implemented in type.AllInterfaces)
        {
            foreach (ISymbol member in implemented.GetMembers(generatedName))
            {
                // Only an instance method can implement an interface member, or be confused with one.
                if (!method.IsStatic && member is IMethodSymbol { IsStatic: false } candidate && plan is not null && SameSignature(candidate, plan, method))
                {
                    ISymbol? implementation = type.FindImplementationForInterfaceMember(member);
                    string how = implementation is IMethodSymbol { ExplicitInterfaceImplementations.Length: > 0 }
                        ? "which the type implements explicitly ('" + implementation.ToDisplayString() + "')"
                        : "whose default implementation the generated method would replace";
                    ReportClash(method, location, generatedName, "the interface member '" + member.ToDisplayString() + "', " + how, problems);
                    return;
                }
            }
        }

        // The helper types are only generated when needed, but a member with their name would still confuse.
        foreach (string helper in new[] { stateTypeName, resultRecordName })
        {
            foreach (ISymbol member in type.GetMembers(helper))
            {
                if (!IsGenerated(member))
                {
                    bool used = helper == stateTypeName ? plan?.Worker is not null : plan is not null && plan.Values.Count > 1;
                    if (used)
                    {
                        ReportClash(method, location, helper, "the existing member '" + member.ToDisplayString() + "'", problems);
                        return;
                    }
                }
            }
        }
    }

    private static void ReportClash(IMethodSymbol method, Location location, string generatedName, string what, ProblemSink problems) =>
        problems.Report(DiagnosticDescriptors.NameClash, location, method.ContainingType.Name, generatedName, method.Name, what, FreeName(method));

    /// <summary>A MethodName to suggest: <c>XxxSyscallAsync</c>, numbered until no member of the type or its bases has it.</summary>
    private static string FreeName(IMethodSymbol method)
    {
        for (int i = 1; ; i++)
        {
            string candidate = method.Name + "Syscall" + (i > 1 ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : "") + "Async";
            bool taken = false;
            for (INamedTypeSymbol? type = method.ContainingType; type is not null && !taken; type = type.BaseType)
            {
                taken = type.GetMembers(candidate).Length > 0;
            }

            foreach (INamedTypeSymbol implemented in method.ContainingType.AllInterfaces)
            {
                taken |= implemented.GetMembers(candidate).Length > 0;
            }

            if (!taken)
            {
                return candidate;
            }
        }
    }

    /// <summary>Whether <paramref name="existing"/> has the parameters of one of the generated overloads.</summary>
    private static bool SameSignature(IMethodSymbol existing, CallPlan plan, IMethodSymbol wrapper) =>
        SameParameters(existing, plan, withRing: false) || SameParameters(existing, plan, withRing: true) ||
        wrapper.Parameters.Length > 0 && wrapper.Parameters[wrapper.Parameters.Length - 1].IsParams && SameParameters(existing, plan, withRing: false, withToken: false);

    private static bool SameParameters(IMethodSymbol existing, CallPlan plan, bool withRing, bool withToken = true)
    {
        int offset = withRing ? 1 : 0;
        if (existing.Parameters.Length != plan.Parameters.Count + offset + (withToken ? 1 : 0))
        {
            return false;
        }

        if (withRing && !TypeFacts.IsNamed(existing.Parameters[0].Type, "AsyncSys", "IoRing"))
        {
            return false;
        }

        for (int i = 0; i < plan.Parameters.Count; i++)
        {
            string theirs = existing.Parameters[i + offset].Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            if (theirs != plan.Parameters[i].Type.Replace("?", ""))
            {
                return false;
            }
        }

        return !withToken || TypeFacts.IsNamed(existing.Parameters[existing.Parameters.Length - 1].Type, "System.Threading", "CancellationToken");
    }

    private static bool IsGenerated(ISymbol member)
    {
        foreach (SyntaxReference reference in member.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree.FilePath.EndsWith(HintNameSuffix, System.StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Two wrappers can differ only in what the generated methods drop (out-values, a length) and so produce the
    /// same signature: the later one is reported.
    /// </summary>
    private static void CheckOverloadClashes(IMethodSymbol method, Location location, string generatedName, CallPlan plan, ProblemSink problems)
    {
        // Only same-named wrappers (and a wrapper named like the generated method minus "Async") can clash:
        // looking them up by name keeps a type with a thousand wrappers linear.
        string otherName = generatedName.EndsWith("Async", System.StringComparison.Ordinal)
            ? generatedName.Substring(0, generatedName.Length - "Async".Length)
            : generatedName;
        if (!CheckOverloadClashes(method, method.Name, location, generatedName, plan, problems) && otherName != method.Name)
        {
            CheckOverloadClashes(method, otherName, location, generatedName, plan, problems);
        }
    }

    private static bool CheckOverloadClashes(IMethodSymbol method, string siblingName, Location location, string generatedName, CallPlan plan, ProblemSink problems)
    {
        foreach (ISymbol member in method.ContainingType.GetMembers(siblingName))
        {
            if (SymbolEqualityComparer.Default.Equals(member, method) || SymbolEqualityComparer.Default.Equals(member, method.PartialDefinitionPart))
            {
                return false;
            }

            if (member is not IMethodSymbol sibling || FindAttribute(sibling) is not { } attribute || !WrapperOptions.TryRead(attribute, out WrapperOptions options))
            {
                continue;
            }

            if ((options.MethodName ?? sibling.Name + "Async") != generatedName)
            {
                continue;
            }

            CallPlan? siblingPlan = PlanCall(sibling, attribute, options, RingPlacement.EntryPointOf(sibling), "State", new LocalNames(sibling), new ProblemSink(collect: false));
            if (siblingPlan is not null && SameTypes(siblingPlan, plan))
            {
                ReportClash(method, location, generatedName, "the method generated for its overload '" + sibling.ToDisplayString() + "', which has the same parameters", problems);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A non-private <c>[AsyncSyscall]</c> wrapper declared in source in <paramref name="baseType"/> whose variant would have
    /// <paramref name="generatedName"/> and the same parameters as <paramref name="plan"/>, and is not there yet (it is
    /// only once the generator's output is part of the compilation, as the analyzer sees it).
    /// </summary>
    private static IMethodSymbol? InheritedWrapper(INamedTypeSymbol baseType, string generatedName, CallPlan plan)
    {
        if (baseType.DeclaringSyntaxReferences.Length == 0)
        {
            // From metadata: its variant is compiled in, and the loop over the base's members found it.
            return null;
        }

        foreach (ISymbol member in baseType.GetMembers())
        {
            if (member is not IMethodSymbol candidate || candidate.DeclaredAccessibility == Accessibility.Private
                || FindAttribute(candidate) is not { } attribute || !WrapperOptions.TryRead(attribute, out WrapperOptions options)
                || (options.MethodName ?? candidate.Name + "Async") != generatedName)
            {
                continue;
            }

            bool generatedAlready = false;
            foreach (ISymbol existing in baseType.GetMembers(generatedName))
            {
                generatedAlready |= IsGenerated(existing);
            }

            CallPlan? basePlan = generatedAlready ? null
                : PlanCall(candidate, attribute, options, RingPlacement.EntryPointOf(candidate), "State", new LocalNames(candidate), new ProblemSink(collect: false));
            if (basePlan is not null && SameTypes(basePlan, plan))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool SameTypes(CallPlan first, CallPlan second)
    {
        if (first.Parameters.Count != second.Parameters.Count)
        {
            return false;
        }

        for (int i = 0; i < first.Parameters.Count; i++)
        {
            if (first.Parameters[i].Type != second.Parameters[i].Type)
            {
                return false;
            }
        }

        return true;
    }
}
