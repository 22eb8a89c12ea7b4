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

    // System.Runtime.InteropServices.UnmanagedType.LPWStr: UTF-16.
    private const int LPWStr = 21;

    // System.Runtime.InteropServices.StringMarshalling.Utf8 and Utf16.
    private const int StringMarshallingUtf8 = 1;
    private const int StringMarshallingUtf16 = 2;

    /// <summary>
    /// Whether the wrapper passes <paramref name="parameter"/> (a <c>string</c>) as UTF-8. An ordinary method's body is not
    /// the call on the ring, so its string is the ring's to encode; a marshaller of the user's own is not known to be UTF-8.
    /// </summary>
    public static bool IsUtf8(IMethodSymbol method, IParameterSymbol parameter) =>
        RingPlacement.IsOrdinary(method) || Marshalled(method, parameter).IsUtf8;

    /// <summary>
    /// How a P/Invoke is told to pass <paramref name="parameter"/> (a <c>string</c>) as UTF-16, in the words of its
    /// declaration (<c>CharSet.Unicode</c>, <c>StringMarshalling.Utf16</c>, <c>[MarshalAs(UnmanagedType.LPWStr)]</c>), or
    /// null when it is not known to be UTF-16 (UTF-8, an ordinary method, a marshaller of the user's own).
    /// </summary>
    public static string? Utf16Spelling(IMethodSymbol method, IParameterSymbol parameter) =>
        RingPlacement.IsOrdinary(method) || parameter.Type.SpecialType != SpecialType.System_String ? null : Marshalled(method, parameter).Utf16;

    /// <summary>
    /// What a P/Invoke's declaration says of a string parameter, in the order the marshaller reads it: the parameter's
    /// own <c>[MarshalAs]</c> or <c>[MarshalUsing]</c>, then <c>[LibraryImport]</c>'s <c>StringMarshalling</c>, then
    /// <c>[DllImport]</c>'s <c>CharSet</c>. UTF-8 for LPStr/LPUTF8Str, Utf8, Ansi and Auto; the UTF-16 spelling for LPWStr,
    /// Utf16 and Unicode; neither for anything else (LPTStr, a custom marshaller).
    /// </summary>
    private static (bool IsUtf8, string? Utf16) Marshalled(IMethodSymbol method, IParameterSymbol parameter)
    {
        foreach (AttributeData attribute in parameter.GetAttributes())
        {
            if (attribute.AttributeClass is not { } type)
            {
                continue;
            }

            if (TypeFacts.IsNamed(type, "System.Runtime.InteropServices", "MarshalAsAttribute") && attribute.ConstructorArguments.Length == 1)
            {
                int? kind = attribute.ConstructorArguments[0].Value is { } value ? System.Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) : null;
                return (kind is LPStr or LPUTF8Str, kind == LPWStr ? "[MarshalAs(UnmanagedType.LPWStr)]" : null);
            }

            if (TypeFacts.IsNamed(type, "System.Runtime.InteropServices.Marshalling", "MarshalUsingAttribute"))
            {
                return (false, null);
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
                        int? marshalling = named.Value.Value is { } value ? System.Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) : null;
                        return (marshalling == StringMarshallingUtf8, marshalling == StringMarshallingUtf16 ? "StringMarshalling.Utf16" : null);
                    }
                }
            }
        }

        // [DllImport]'s CharSet: Ansi (the default) and Auto are UTF-8 on Linux; Unicode is UTF-16.
        bool unicode = method.GetDllImportData() is { CharacterSet: System.Runtime.InteropServices.CharSet.Unicode };
        return (!unicode, unicode ? "CharSet.Unicode" : null);
    }

    /// <summary>The declaration change that makes a UTF-16 path UTF-8, for the spelling <see cref="Utf16Spelling"/> named.</summary>
    public static string Utf8Fix(string utf16Spelling) => utf16Spelling switch
    {
        "StringMarshalling.Utf16" => "StringMarshalling = StringMarshalling.Utf8",
        "CharSet.Unicode" => "remove CharSet = CharSet.Unicode (CharSet.Ansi, the default, is UTF-8 on Linux), or mark the parameter [MarshalAs(UnmanagedType.LPUTF8Str)]",
        _ => "[MarshalAs(UnmanagedType.LPUTF8Str)]",
    };
}
