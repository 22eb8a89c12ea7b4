using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncSys.Generator.Model;

/// <summary>
/// A wrapper parameter's default value, rewritten for the generated method: a call that compiled against the
/// synchronous wrapper without that argument compiles against the asynchronous one too.
/// </summary>
internal static class DefaultValues
{
    /// <summary>The default as C# source (<c>(global::System.Int32)(0)</c>, <c>null</c>, ...), or <see langword="null"/> when there is none.</summary>
    public static string? Of(IParameterSymbol parameter)
    {
        if (!parameter.HasExplicitDefaultValue)
        {
            return null;
        }

        object? value = parameter.ExplicitDefaultValue;
        ITypeSymbol type = parameter.Type;
        if (value is null)
        {
            // null for a reference or nullable type, default for a struct (the constant's own spelling is the value's).
            return type.IsReferenceType || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T ? "null" : "default";
        }

        // A constant written with a cast reads the same whatever usings the generated file has (it has none).
        string literal = value switch
        {
            bool flag => flag ? "true" : "false",
            string text => SymbolDisplay.FormatLiteral(text, quote: true),
            char character => SymbolDisplay.FormatLiteral(character, quote: true),
            float single => single.ToString("R", CultureInfo.InvariantCulture) + "F",
            double number => number.ToString("R", CultureInfo.InvariantCulture) + "D",
            decimal money => money.ToString(CultureInfo.InvariantCulture) + "M",
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException("unexpected default value of type " + value.GetType().FullName),
        };
        if (value is bool or string or char)
        {
            return literal;
        }

        ITypeSymbol target = type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && type is INamedTypeSymbol nullable
            ? nullable.TypeArguments[0]
            : type;
        return "(" + TypeFacts.Qualified(target) + ")(" + literal + ")";
    }
}
