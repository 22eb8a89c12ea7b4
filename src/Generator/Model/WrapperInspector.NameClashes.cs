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

            if (member is not IMethodSymbol existing || plan is null || SameParameters(existing, plan, withRing: false) || SameParameters(existing, plan, withRing: true))
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

                if (member is not IMethodSymbol inherited || plan is null || SameParameters(inherited, plan, withRing: false) || SameParameters(inherited, plan, withRing: true))
                {
                    ReportClash(method, location, generatedName, "the inherited member '" + member.ToDisplayString() + "', which it would hide", problems);
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
                    bool used = helper == stateTypeName ? plan?.State is not null : plan is not null && plan.Values.Count > 1;
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

            if (!taken)
            {
                return candidate;
            }
        }
    }

    private static bool SameParameters(IMethodSymbol existing, CallPlan plan, bool withRing)
    {
        int offset = withRing ? 1 : 0;
        if (existing.Parameters.Length != plan.Parameters.Count + offset + 1)
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

        return TypeFacts.IsNamed(existing.Parameters[existing.Parameters.Length - 1].Type, "System.Threading", "CancellationToken");
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

            CallPlan? siblingPlan = PlanCall(sibling, attribute, options, RingPlacement.EntryPointOf(sibling), "State", new LocalNames(sibling), new ProblemSink(null));
            if (siblingPlan is not null && SameTypes(siblingPlan, plan))
            {
                ReportClash(method, location, generatedName, "the method generated for its overload '" + sibling.ToDisplayString() + "', which has the same parameters", problems);
                return true;
            }
        }

        return false;
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
