using AsyncSys.Generator.Model;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Emit;

/// <summary>Integer conversions as C# text: between a wrapper's integer-like types and the integers of the ring and the worker.</summary>
internal static class IntegerConversions
{
    private const string BitCast = "global::System.Runtime.CompilerServices.Unsafe.BitCast<";

    /// <summary>
    /// <paramref name="expression"/> converted to the keyword type <paramref name="to"/> (<c>int</c>, <c>uint</c> or
    /// <c>long</c>): as is where C# converts implicitly, else an unchecked cast.
    /// </summary>
    // offset                      (an int or long offset to long)
    // unchecked((int)length)      (a long or ulong to int)
    public static string ConvertTo(string expression, IntegerTypeModel from, string to)
    {
        SpecialType special = from.Special;
        bool implicitly = to switch
        {
            "int" => special is SpecialType.System_Int32 or SpecialType.System_Int16 or SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_UInt16,
            "uint" => special is SpecialType.System_UInt32 or SpecialType.System_UInt16 or SpecialType.System_Byte,
            "long" => special is SpecialType.System_Int64 or SpecialType.System_Int32 or SpecialType.System_Int16 or SpecialType.System_SByte or
                SpecialType.System_Byte or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_IntPtr,
            _ => false,
        };
        return implicitly ? expression : "unchecked((" + to + ")" + expression + ")";
    }

    /// <summary>
    /// <paramref name="expression"/> (an integer, enum or typedef struct) as the keyword type <paramref name="to"/>:
    /// a typedef struct is reinterpreted as its one field.
    /// </summary>
    // unchecked((long)global::System.Runtime.CompilerServices.Unsafe.BitCast<global::Demo.off_t, long>(offset))   (a typedef struct)
    // unchecked((int)flags)                                                                                   (an enum)
    public static string ToInteger(string expression, IntegerTypeModel from, string to)
    {
        if (from.TypedefField is { } field)
        {
            return "unchecked((" + to + ")" + BitCast + from.Qualified + ", " + field + ">(" + expression + "))";
        }

        if (from.IsEnum)
        {
            return "unchecked((" + to + ")" + expression + ")";
        }

        return ConvertTo(expression, from, to);
    }

    /// <summary>An integer <paramref name="expression"/> as <paramref name="to"/> (an integer, enum or typedef struct).</summary>
    // global::System.Runtime.CompilerServices.Unsafe.BitCast<long, global::Demo.ssize_t>(unchecked((long)(result)))   (a typedef struct)
    // unchecked((uint)(result))
    public static string FromInteger(string expression, IntegerTypeModel to)
    {
        if (to.TypedefField is { } field)
        {
            return BitCast + field + ", " + to.Qualified + ">(unchecked((" + field + ")(" + expression + ")))";
        }

        return "unchecked((" + to.Qualified + ")(" + expression + "))";
    }
}
