using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Model;

/// <summary>
/// Reads what the user said about a parameter of a call the table does not know: AsyncSys's own marks
/// (<c>[InputBuffer]</c>, <c>[OutputBuffer]</c>, <c>[InputPath]</c>, <c>[OutputValue]</c>) and the interop
/// attributes that carry the same meaning (<c>[In]</c>/<c>[Out]</c> with <c>[MarshalAs(LPArray, SizeParamIndex = n)]</c>).
/// </summary>
internal static class ParameterMarks
{
    /// <summary>
    /// The roles the marks give, per parameter (<see langword="null"/> where nothing is marked), or a problem
    /// (a length parameter that does not exist or is not an integer) reported through <paramref name="problem"/>.
    /// <paramref name="lengthOwner"/> receives, for each length parameter, the index of the buffer it measures.
    /// </summary>
    public static ParameterRole?[] Read(ImmutableArray<IParameterSymbol> parameters, int[] lengthOwner, out (IParameterSymbol Parameter, string Why)? problem)
    {
        problem = null;
        var roles = new ParameterRole?[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            IParameterSymbol parameter = parameters[i];
            bool inMark = false, outMark = false;
            int? sizeParamIndex = null;
            foreach (AttributeData attribute in parameter.GetAttributes())
            {
                if (attribute.AttributeClass is not { } type)
                {
                    continue;
                }

                string? lengthName = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
                if (TypeFacts.IsNamed(type, "AsyncSys", "InputBufferAttribute") || TypeFacts.IsNamed(type, "AsyncSys", "OutputBufferAttribute"))
                {
                    bool input = type.Name == "InputBufferAttribute";
                    int length = IndexOf(parameters, lengthName);
                    if (length < 0 || length == i || !TypeFacts.IsIntegerOrTypedef(parameters[length].Type) || parameters[length].RefKind != RefKind.None)
                    {
                        problem = (parameter, "its length parameter '" + lengthName + "' must be another integer parameter of the wrapper, taken by value");
                        continue;
                    }

                    roles[i] = input ? ParameterRole.InBuffer : ParameterRole.OutBuffer;
                    roles[length] = ParameterRole.BufferLength;
                    lengthOwner[length] = i;
                }
                else if (TypeFacts.IsNamed(type, "AsyncSys", "InputPathAttribute"))
                {
                    roles[i] = ParameterRole.Path;
                }
                else if (TypeFacts.IsNamed(type, "AsyncSys", "OutputValueAttribute"))
                {
                    roles[i] = ParameterRole.OutValue;
                }
                else if (TypeFacts.IsNamed(type, "System.Runtime.InteropServices", "InAttribute"))
                {
                    inMark = true;
                }
                else if (TypeFacts.IsNamed(type, "System.Runtime.InteropServices", "OutAttribute"))
                {
                    outMark = true;
                }
                else if (TypeFacts.IsNamed(type, "System.Runtime.InteropServices", "MarshalAsAttribute"))
                {
                    foreach (var named in attribute.NamedArguments)
                    {
                        if (named.Key == "SizeParamIndex" && named.Value.Value is short index)
                        {
                            sizeParamIndex = index;
                        }
                    }
                }
            }

            // [In] or [Out] (not both) with [MarshalAs(..., SizeParamIndex = n)] on a pointer: a buffer and its length.
            if (roles[i] is null && inMark != outMark && sizeParamIndex is int size && TypeFacts.IsPointerLike(parameter.Type))
            {
                if (size < 0 || size >= parameters.Length || size == i || !TypeFacts.IsIntegerOrTypedef(parameters[size].Type))
                {
                    problem = (parameter, "SizeParamIndex " + size + " must name another integer parameter");
                    continue;
                }

                roles[i] = inMark ? ParameterRole.InBuffer : ParameterRole.OutBuffer;
                roles[size] = ParameterRole.BufferLength;
                lengthOwner[size] = i;
            }
        }

        return roles;
    }

    private static int IndexOf(ImmutableArray<IParameterSymbol> parameters, string? name)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }
}
