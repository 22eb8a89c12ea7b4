using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Model;

/// <summary>
/// How a wrapper hands a <c>string</c> path to native code. Linux reads a path as bytes up to the first NUL, and the ring
/// request encodes its string as UTF-8; a wrapper that marshals the string as UTF-16 (<c>CharSet.Unicode</c>,
/// <c>StringMarshalling.Utf16</c>, <c>[MarshalAs(LPWStr)]</c>) passes the kernel its first character instead, so a ring
/// variant would act on another path than the wrapper does. Such a path is not the ring's: a worker runs the wrapper.
/// </summary>
internal static class PathEncoding
{
    // System.Runtime.InteropServices.UnmanagedType: the two string kinds that are bytes on Linux.
    private const int LPStr = 20;
    private const int LPUTF8Str = 48;

    // System.Runtime.InteropServices.StringMarshalling.Utf8.
    private const int StringMarshallingUtf8 = 1;

    /// <summary>
    /// Whether the wrapper passes <paramref name="parameter"/> (a <c>string</c>) as UTF-8. An ordinary method's body is not
    /// the call on the ring, so its string is the ring's to encode; a marshaller of the user's own is not known to be UTF-8.
    /// </summary>
    public static bool IsUtf8(IMethodSymbol method, IParameterSymbol parameter)
    {
        if (RingPlacement.IsOrdinary(method))
        {
            return true;
        }

        foreach (AttributeData attribute in parameter.GetAttributes())
        {
            if (attribute.AttributeClass is not { } type)
            {
                continue;
            }

            if (TypeFacts.IsNamed(type, "System.Runtime.InteropServices", "MarshalAsAttribute") && attribute.ConstructorArguments.Length == 1)
            {
                return attribute.ConstructorArguments[0].Value is { } kind && System.Convert.ToInt32(kind, System.Globalization.CultureInfo.InvariantCulture) is LPStr or LPUTF8Str;
            }

            if (TypeFacts.IsNamed(type, "System.Runtime.InteropServices.Marshalling", "MarshalUsingAttribute"))
            {
                return false;
            }
        }

        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { } type && TypeFacts.IsNamed(type, "System.Runtime.InteropServices", "LibraryImportAttribute"))
            {
                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "StringMarshalling")
                    {
                        return named.Value.Value is { } marshalling && System.Convert.ToInt32(marshalling, System.Globalization.CultureInfo.InvariantCulture) == StringMarshallingUtf8;
                    }
                }
            }
        }

        // [DllImport]'s CharSet: Ansi (the default) and Auto are UTF-8 on Linux; Unicode is UTF-16.
        return method.GetDllImportData() is not { CharacterSet: System.Runtime.InteropServices.CharSet.Unicode };
    }
}
