using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Model;

/// <summary>
/// Hands out names for the generated method's locals that no parameter already uses, so a wrapper with a
/// parameter called <c>result</c> still gets compilable code.
/// </summary>
internal sealed class LocalNames
{
    private readonly HashSet<string> _taken = new(System.StringComparer.Ordinal);

    public LocalNames(IMethodSymbol method)
    {
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            _taken.Add(parameter.Name);
        }

        // The generated parameters and the local every body uses.
        _taken.Add("ring");
        _taken.Add("cancellationToken");
        Result = Claim("result");
        State = Claim("state");
    }

    /// <summary>The local holding the awaited value.</summary>
    public string Result { get; }

    /// <summary>The local holding an offloaded call's state.</summary>
    public string State { get; }

    /// <summary>Returns <paramref name="wanted"/>, or it with underscores appended until it is free, and marks it taken.</summary>
    public string Claim(string wanted)
    {
        string name = wanted;
        while (!_taken.Add(name))
        {
            name += "_";
        }

        return TypeFacts.Escape(name);
    }
}
