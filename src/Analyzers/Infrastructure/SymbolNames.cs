using Microsoft.CodeAnalysis;

namespace AsyncSys.Analyzers;

/// <summary>Name checks on symbols that do not format them: they run per call the rules look at.</summary>
internal static class SymbolNames
{
    /// <summary>Whether <paramref name="type"/> is <paramref name="containingNamespace"/>.<paramref name="metadataName"/>, without building its name.</summary>
    public static bool IsNamed(INamedTypeSymbol type, string containingNamespace, string metadataName) =>
        type.MetadataName == metadataName && IsNamespace(type.ContainingNamespace, containingNamespace);

    /// <summary>
    /// Whether <paramref name="ns"/> is the namespace spelled <paramref name="name"/>; empty for the global
    /// namespace. Compares the parts from the innermost out, so nothing is allocated.
    /// </summary>
    public static bool IsNamespace(INamespaceSymbol? ns, string name)
    {
        if (ns is null)
        {
            return false;
        }

        int end = name.Length;
        for (INamespaceSymbol current = ns; !current.IsGlobalNamespace; current = current.ContainingNamespace)
        {
            string part = current.Name;
            int start = end - part.Length;
            if (start < 0 || string.CompareOrdinal(name, start, part, 0, part.Length) != 0)
            {
                return false;
            }

            if (start == 0)
            {
                return current.ContainingNamespace is null or { IsGlobalNamespace: true };
            }

            if (name[start - 1] != '.')
            {
                return false;
            }

            end = start - 1;
        }

        return end == 0;
    }
}
