using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Model;

/// <summary>The names the generated code uses: hint name, cref, containing types, accessibility.</summary>
internal static partial class WrapperInspector
{
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

    /// <summary>
    /// A readable name plus a hash of the member's documentation id. Hint names are compared ignoring case, so
    /// the readable part alone would collide for a public <c>Read</c> over a private <c>read</c>, for overloads, and
    /// for types or namespaces that differ only in case (CS8785 takes every generated file down with it).
    /// The documentation id is case-sensitive and unique per member, so its hash tells them apart.
    /// </summary>
    internal static string HintName(IMethodSymbol method)
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

        parts.Add(method.Name);
        IMethodSymbol definition = method.PartialDefinitionPart ?? method;
        string identity = definition.GetDocumentationCommentId() ?? definition.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        parts.Add(StableHash(identity));
        return SafeForHintName(string.Join(".", parts)) + HintNameSuffix;
    }

    /// <summary>
    /// The name with every character the compiler refuses in a generated file's name replaced by '_': a name it
    /// refuses makes the whole generator fail, and with it every other wrapper's variant. The stable hash in the
    /// name keeps two names that differ only there apart.
    /// </summary>
    internal static string SafeForHintName(string name)
    {
        char[]? changed = null;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (!(char.IsLetterOrDigit(c) || c is '_' or '.' or '-'))
            {
                changed ??= name.ToCharArray();
                changed[i] = '_';
            }
        }

        return changed is null ? name : new string(changed);
    }

    /// <summary>64-bit FNV-1a over the UTF-16 code units, as 16 hex digits: the same on every machine and run.</summary>
    internal static string StableHash(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
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
