using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Analyzers;

/// <summary>
/// What the compilation's <c>using</c> directives let code write instead of the names the pre-filters look for:
/// aliases (<c>using Req = AsyncSys.RingRequest;</c>, <c>using PerThread = System.ThreadStaticAttribute;</c>) and a
/// <c>using static AsyncSys.RingRequest;</c> that brings its factories in by their own names.
/// </summary>
/// <remarks>
/// Collected from every file and namespace at once, not per file: a name here only makes code worth a closer
/// look, and the rules bind what they report on, so an alias of one file counting in another costs a bind at most.
/// </remarks>
internal sealed class UsingNames
{
    private readonly Dictionary<string, string> _aliases = new(System.StringComparer.Ordinal);

    private UsingNames()
    {
    }

    /// <summary>Whether some file imports <c>RingRequest</c>'s static members (<c>using static ...RingRequest;</c>).</summary>
    public bool ImportsRingRequest { get; private set; }

    /// <summary>Each alias and the last name of what it stands for (<c>Req</c> -> <c>RingRequest</c>).</summary>
    public IReadOnlyDictionary<string, string> Aliases => _aliases;

    public static UsingNames Scan(Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new UsingNames();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            var unit = (CompilationUnitSyntax)tree.GetRoot(cancellationToken);
            names.Add(unit.Usings);
            names.AddNamespaces(unit.Members);
        }

        return names;
    }

    /// <summary>Whether an attribute written as <paramref name="written"/> may be <paramref name="name"/> (with or without <c>Attribute</c>).</summary>
    public bool MayBeAttribute(string written, string name) =>
        IsAttributeName(written, name) || (_aliases.TryGetValue(written, out string? target) && IsAttributeName(target, name));

    private static bool IsAttributeName(string written, string name) =>
        written == name || (written.Length == name.Length + "Attribute".Length && written.StartsWith(name, System.StringComparison.Ordinal) &&
                            written.EndsWith("Attribute", System.StringComparison.Ordinal));

    private void AddNamespaces(SyntaxList<MemberDeclarationSyntax> members)
    {
        foreach (MemberDeclarationSyntax member in members)
        {
            if (member is BaseNamespaceDeclarationSyntax ns)
            {
                Add(ns.Usings);
                AddNamespaces(ns.Members);
            }
        }
    }

    private void Add(SyntaxList<UsingDirectiveSyntax> usings)
    {
        foreach (UsingDirectiveSyntax directive in usings)
        {
            string? target = directive.Name is { } name ? LastName(name) : null;
            if (target is null)
            {
                continue;
            }

            if (directive.Alias is { } alias)
            {
                _aliases[alias.Name.Identifier.ValueText] = target;
            }
            else if (directive.StaticKeyword.RawKind != 0 && target == "RingRequest")
            {
                ImportsRingRequest = true;
            }
        }
    }

    /// <summary>The last identifier of a name: <c>RingRequest</c> in <c>AsyncSys.RingRequest</c> and <c>global::AsyncSys.RingRequest</c>.</summary>
    public static string? LastName(TypeSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => null,
    };
}
