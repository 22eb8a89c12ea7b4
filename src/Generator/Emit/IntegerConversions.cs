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
    public static string ConvertTo(string expression, IntegerTypeModel from, string to) =>
        Implicit(from.Special, to) ? expression : "unchecked((" + to + ")" + expression + ")";

    /// <summary>Whether C# converts <paramref name="from"/> to the keyword type <paramref name="to"/> implicitly (no value is lost).</summary>
    private static bool Implicit(SpecialType from, string to) => to switch
    {
        "int" => from is SpecialType.System_Int32 or SpecialType.System_Int16 or SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_UInt16,
        "uint" => from is SpecialType.System_UInt32 or SpecialType.System_UInt16 or SpecialType.System_Byte,
        "long" => from is SpecialType.System_Int64 or SpecialType.System_Int32 or SpecialType.System_Int16 or SpecialType.System_SByte or
            SpecialType.System_Byte or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_IntPtr,
        _ => false,
    };

    /// <summary>
    /// The wrapper's parameter <paramref name="parameter"/> as the ring's keyword type <paramref name="to"/> (<c>int</c>,
    /// <c>uint</c> or <c>long</c>), by what it means: bits (flags, masks, any enum) as they are; a transfer length capped
    /// at the type's maximum (the kernel caps transfers at MAX_RW_COUNT, so the call moves fewer bytes, as the
    /// synchronous call would); any other value exactly, or <c>ArgumentOutOfRangeException</c> naming the parameter.
    /// Never a silent truncation: a <c>nuint</c> of 2^32 + 10 is neither 10 nor negative.
    /// </summary>
    // fd                                                                                                         (fits as it is)
    // unchecked((int)flags)                                                                                      (bits)
    // (int)global::System.Math.Min((ulong)len, (ulong)int.MaxValue)                                              (a transfer length, nuint)
    // ((long)fd >= int.MinValue && (long)fd <= int.MaxValue ? (int)((long)fd) : throw new global::System.ArgumentOutOfRangeException(nameof(fd), (long)fd, "..."))   (an nint descriptor)
    // (mode <= int.MaxValue ? (int)(mode) : throw new global::System.ArgumentOutOfRangeException(nameof(mode), mode, "..."))                                        (a uint mode)
    public static string Narrow(string parameter, IntegerTypeModel from, string to, IntegerMeaning meaning, string call)
    {
        if (meaning == IntegerMeaning.Bits || from.IsEnum || !IntegerRange.TryOf(from.Integer, out IntegerRange source) || !IntegerRange.TryOf(to, out IntegerRange target))
        {
            return ToInteger(parameter, from, to);
        }

        if (Implicit(from.Integer, to))
        {
            return ToInteger(parameter, from, to);
        }

        // nint and nuint are compared as long and ulong: C# has no implicit conversion between them and long constants.
        string value = from.TypedefField is { } field ? BitCast + from.Qualified + ", " + field + ">(" + parameter + ")" : parameter;
        value = from.Integer switch
        {
            SpecialType.System_IntPtr => "(long)" + value,
            SpecialType.System_UIntPtr => "(ulong)" + value,
            _ => value,
        };
        if (meaning == IntegerMeaning.TransferLength)
        {
            // A negative length stays negative (clamped into the type) and the factory refuses it.
            return source.Signed
                ? "(" + to + ")global::System.Math.Clamp(" + value + ", " + to + ".MinValue, " + to + ".MaxValue)"
                : "(" + to + ")global::System.Math.Min(" + value + ", (ulong)" + to + ".MaxValue)";
        }

        var checks = new System.Collections.Generic.List<string>(2);
        if (source.Signed && (!target.Signed || source.Bits > target.Bits))
        {
            checks.Add(value + " >= " + (target.Signed ? to + ".MinValue" : "0"));
        }

        if (source.Bits - (source.Signed ? 1 : 0) > target.Bits - (target.Signed ? 1 : 0))
        {
            checks.Add(value + " <= " + to + ".MaxValue");
        }

        return "(" + string.Join(" && ", checks) + " ? (" + to + ")(" + value + ") : throw new global::System.ArgumentOutOfRangeException(nameof("
            + parameter + "), " + value + ", \"must fit in the " + to + " that the ring form of " + call + " takes\"))";
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

    /// <summary>An integer type's width and sign; nint and nuint count as 64 bits (what the checks compare them as).</summary>
    private readonly struct IntegerRange
    {
        private IntegerRange(int bits, bool signed)
        {
            Bits = bits;
            Signed = signed;
        }

        public int Bits { get; }

        public bool Signed { get; }

        public static bool TryOf(SpecialType type, out IntegerRange range)
        {
            range = type switch
            {
                SpecialType.System_SByte => new(8, true),
                SpecialType.System_Byte => new(8, false),
                SpecialType.System_Int16 => new(16, true),
                SpecialType.System_UInt16 => new(16, false),
                SpecialType.System_Int32 => new(32, true),
                SpecialType.System_UInt32 => new(32, false),
                SpecialType.System_Int64 or SpecialType.System_IntPtr => new(64, true),
                SpecialType.System_UInt64 or SpecialType.System_UIntPtr => new(64, false),
                _ => default,
            };
            return range.Bits != 0;
        }

        public static bool TryOf(string keyword, out IntegerRange range) => TryOf(keyword switch
        {
            "int" => SpecialType.System_Int32,
            "uint" => SpecialType.System_UInt32,
            "long" => SpecialType.System_Int64,
            _ => SpecialType.None,
        }, out range);
    }
}
