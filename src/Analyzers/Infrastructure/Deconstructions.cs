using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// Which local a deconstruction of a tuple written in place (<c>var (a, b) = (x, y);</c>) fills with which element: the
/// local then holds that element's value as a declaration's initializer would.
/// </summary>
internal static class Deconstructions
{
    /// <summary>The locals a deconstruction fills from the elements of a tuple written in place, nested tuples included.</summary>
    public static List<(ILocalSymbol Local, IOperation Value)> Pairs(IDeconstructionAssignmentOperation deconstruction)
    {
        var pairs = new List<(ILocalSymbol, IOperation)>();
        Pair(deconstruction.Target, deconstruction.Value, pairs);
        return pairs;

        static void Pair(IOperation target, IOperation value, List<(ILocalSymbol, IOperation)> into)
        {
            while (target is IDeclarationExpressionOperation declaration)
            {
                target = declaration.Expression;
            }

            value = value.WithoutConversions();
            if (target is ILocalReferenceOperation local)
            {
                into.Add((local.Local, value));
            }
            else if (target is ITupleOperation targets && value is ITupleOperation values && targets.Elements.Length == values.Elements.Length)
            {
                for (int i = 0; i < targets.Elements.Length; i++)
                {
                    Pair(targets.Elements[i], values.Elements[i], into);
                }
            }
        }
    }

    /// <summary>
    /// The local a deconstruction fills with <paramref name="element"/>, an element (through conversions) of the tuple
    /// written in place on its right; null for anything else.
    /// </summary>
    public static ILocalSymbol? TargetOf(IOperation element)
    {
        IOperation value = element;
        while (value.Parent is IConversionOperation conversion)
        {
            value = conversion;
        }

        IOperation? outer = value.Parent;
        while (outer is ITupleOperation or IConversionOperation)
        {
            if (outer.Parent is IDeconstructionAssignmentOperation deconstruction && deconstruction.Value == outer)
            {
                foreach ((ILocalSymbol local, IOperation filled) in Pairs(deconstruction))
                {
                    if (filled == value || filled == element)
                    {
                        return local;
                    }
                }

                return null;
            }

            outer = outer.Parent;
        }

        return null;
    }
}
