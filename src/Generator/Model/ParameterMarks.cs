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
    /// <paramref name="unitUnknown"/> says, for a buffer mark on a pointer to something wider than a byte, why its length's
    /// unit is unknown: the caller refuses it where the mark decides the role (not where the table already does).
    /// </summary>
    public static ParameterRole?[] Read(ImmutableArray<IParameterSymbol> parameters, int[] lengthOwner, out (IParameterSymbol Parameter, string Why)? problem, out string?[] unitUnknown)
    {
        problem = null;
        unitUnknown = new string?[parameters.Length];
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

                    if (WiderThanAByte(parameter.Type) is { } element)
                    {
                        unitUnknown[i] = UnitUnknown(parameter, element, "[" + (input ? "InputBuffer" : "OutputBuffer") + "(nameof(" + lengthName + "))] counts '" + lengthName + "' in bytes", parameters[length].Name, length, input);
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

                if (WiderThanAByte(parameter.Type) is { } element)
                {
                    unitUnknown[i] = UnitUnknown(parameter, element, "SizeParamIndex on a pointer gives its length in bytes here", parameters[size].Name, size, inMark);
                }

                roles[i] = inMark ? ParameterRole.InBuffer : ParameterRole.OutBuffer;
                roles[size] = ParameterRole.BufferLength;
                lengthOwner[size] = i;
            }
        }

        return roles;
    }

    /// <summary>
    /// The pointed-at type of a pointer to something wider than a byte (<c>Pollfd*</c>, <c>int*</c>, <c>open_how*</c>), or
    /// null for <c>byte*</c>, <c>sbyte*</c>, <c>void*</c> and <c>nint</c>: a buffer mark's length is a byte count, and over a
    /// typed pointer nothing says whether the call's length counts bytes (openat2's size) or elements (poll's nfds). The
    /// variant passes its memory's byte length, so an element count would send the kernel that many elements past the end.
    /// </summary>
    private static ITypeSymbol? WiderThanAByte(ITypeSymbol type) =>
        type is IPointerTypeSymbol { PointedAtType: var element }
            && element.SpecialType is not (SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Void)
            ? element
            : null;

    private static string UnitUnknown(IParameterSymbol buffer, ITypeSymbol element, string mark, string lengthName, int lengthIndex, bool input)
    {
        string name = element.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        return mark + ", but '" + buffer.Name + "' points to '" + name + "', wider than a byte, so '" + lengthName
            + "' may count " + name + " elements (as poll's nfds does) where the variant would pass its memory's length in bytes; declare '"
            + buffer.Name + "' as void* (or byte*) if '" + lengthName + "' counts bytes, or as [" + (input ? "In" : "Out")
            + ", MarshalAs(UnmanagedType.LPArray, SizeParamIndex = " + lengthIndex + ")] " + name + "[] if it counts elements";
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
