using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Model;

/// <summary>The names the generated code uses: entry point, hint name, cref, containing types, accessibility.</summary>
internal static partial class WrapperInspector
{
    private static string EntryPointOf(IMethodSymbol method)
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

    /// <summary>1 for the first <c>[AsyncSyscall]</c> method of its name in the type, 2 for the next overload, ...</summary>
    private static int OverloadIndex(IMethodSymbol method)
    {
        int index = 0;
        foreach (ISymbol member in method.ContainingType.GetMembers(method.Name))
        {
            if (member is IMethodSymbol candidate && HasAttribute(candidate, "AsyncSys", "AsyncSyscallAttribute"))
            {
                index++;
                if (SymbolEqualityComparer.Default.Equals(candidate, method) ||
                    SymbolEqualityComparer.Default.Equals(candidate, method.PartialDefinitionPart) ||
                    SymbolEqualityComparer.Default.Equals(candidate.PartialImplementationPart, method))
                {
                    return index;
                }
            }
        }

        return 1;
    }

    private static EquatableArray<ContainingTypeModel> ContainingTypes(INamedTypeSymbol innermost)
    {
        var types = new List<ContainingTypeModel>();
        for (INamedTypeSymbol? type = innermost; type is not null; type = type.ContainingType)
        {
            string keyword = type.TypeKind switch
            {
                TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
                TypeKind.Interface => "interface",
                _ => type.IsRecord ? "record" : "class",
            };
            string name = TypeFacts.Escape(type.Name);
            if (type.TypeParameters.Length > 0)
            {
                var parameters = new List<string>();
                foreach (ITypeParameterSymbol parameter in type.TypeParameters)
                {
                    parameters.Add(TypeFacts.Escape(parameter.Name));
                }

                name += "<" + string.Join(", ", parameters) + ">";
            }

            types.Insert(0, new ContainingTypeModel(keyword, name));
        }

        return EquatableArray.From(types);
    }

    private static string HintName(IMethodSymbol method, string suffix)
    {
        var parts = new List<string>();
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            parts.Insert(0, type.Arity > 0 ? type.Name + "_" + type.Arity.ToString(System.Globalization.CultureInfo.InvariantCulture) : type.Name);
        }

        if (method.ContainingNamespace is { IsGlobalNamespace: false } ns)
        {
            parts.Insert(0, ns.ToDisplayString());
        }

        parts.Add(method.Name + (suffix.Length > 0 ? "_" + suffix : ""));
        return string.Join(".", parts) + HintNameSuffix;
    }

    private static string CrefOf(IMethodSymbol method)
    {
        var parameters = new List<string>();
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            string prefix = parameter.RefKind switch
            {
                RefKind.Out => "out ",
                RefKind.Ref => "ref ",
                RefKind.In => "in ",
                _ => "",
            };
            parameters.Add(prefix + TypeFacts.ForCref(parameter.Type));
        }

        return TypeFacts.Escape(method.Name) + "(" + string.Join(", ", parameters) + ")";
    }

    private static string AccessibilityOf(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };
}
