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
    /// synchronous call would); any other value of the same width as its bits (what the synchronous call passes), and
    /// a wider one exactly, or <c>ArgumentOutOfRangeException</c> naming the parameter; a count of a managed buffer's
    /// bytes always exactly. Never a silent truncation: a <c>nuint</c> of 2^32 + 10 is neither 10 nor negative.
    /// </summary>
    // fd                                                                                                         (fits as it is)
    // unchecked((int)flags)                                                                                      (bits)
    // (int)global::System.Math.Min((ulong)len, (ulong)int.MaxValue)                                              (a transfer length, nuint)
    // ((long)fd >= int.MinValue && (long)fd <= int.MaxValue ? (int)((long)fd) : throw new global::System.ArgumentOutOfRangeException(nameof(fd), (long)fd, "..."))   (an nint descriptor)
    // unchecked((int)dirfd)                                                                                      (a uint descriptor or mode: same width, its bits)
    // ((ulong)count <= int.MaxValue ? (int)((ulong)count) : throw new global::System.ArgumentOutOfRangeException(nameof(count), (ulong)count, "..."))   (a nuint count)
    public static string Narrow(string parameter, IntegerTypeModel from, string to, IntegerMeaning meaning, string call)
    {
        string narrowed = Narrowing(parameter, from, to, meaning, out string? value, out System.Collections.Generic.List<string>? checks);
        if (checks is null)
        {
            return narrowed;
        }

        return "(" + string.Join(" && ", checks) + " ? " + narrowed + " : throw new global::System.ArgumentOutOfRangeException(nameof("
            + parameter + "), " + value + ", \"must fit in the " + to + " that the ring form of " + call + " takes\"))";
    }

    /// <summary>
    /// When <see cref="Narrow"/> throws (the value does not fit <paramref name="to"/>): the condition as C# text, or
    /// <see langword="null"/> when every value converts.
    /// </summary>
    // !((long)fd >= int.MinValue && (long)fd <= int.MaxValue)
    public static string? NarrowRefusal(string parameter, IntegerTypeModel from, string to, IntegerMeaning meaning)
    {
        Narrowing(parameter, from, to, meaning, out _, out System.Collections.Generic.List<string>? checks);
        return checks is null ? null : "!(" + string.Join(" && ", checks) + ")";
    }

    /// <summary>What <see cref="Narrow"/> gives without its check: meaningful only where <see cref="NarrowRefusal"/> is false.</summary>
    // (int)((long)fd)
    public static string Narrowed(string parameter, IntegerTypeModel from, string to, IntegerMeaning meaning) =>
        Narrowing(parameter, from, to, meaning, out _, out _);

    // The converted value, and the checks it must pass (null: none, the conversion is total).
    private static string Narrowing(string parameter, IntegerTypeModel from, string to, IntegerMeaning meaning, out string? value, out System.Collections.Generic.List<string>? checks)
    {
        value = null;
        checks = null;
        if (meaning == IntegerMeaning.Bits || from.IsEnum || !IntegerRange.TryOf(from.Integer, out IntegerRange source) || !IntegerRange.TryOf(to, out IntegerRange target))
        {
            return ToInteger(parameter, from, to);
        }

        if (Implicit(from.Integer, to))
        {
            return ToInteger(parameter, from, to);
        }

        if (meaning == IntegerMeaning.Exact && source.Bits == target.Bits)
        {
            // Same width, other sign (a uint dirfd or mode, a ulong offset): the synchronous call passes these very bits
            // and the kernel reads them as its own type (AT_FDCWD is 0xFFFFFF9C in a uint), so the ring gets them too.
            return ToInteger(parameter, from, to);
        }

        // nint and nuint are compared as long and ulong: C# has no implicit conversion between them and long constants.
        value = from.TypedefField is { } field ? BitCast + from.Qualified + ", " + field + ">(" + parameter + ")" : parameter;
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

        checks = new System.Collections.Generic.List<string>(2);
        if (source.Signed && (!target.Signed || source.Bits > target.Bits))
        {
            checks.Add(value + " >= " + (target.Signed ? to + ".MinValue" : "0"));
        }

        if (source.Bits - (source.Signed ? 1 : 0) > target.Bits - (target.Signed ? 1 : 0))
        {
            checks.Add(value + " <= " + to + ".MaxValue");
        }

        if (checks.Count == 0)
        {
            checks = null;
        }

        return "(" + to + ")(" + value + ")";
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

    /// <summary>
    /// A buffer's length (<paramref name="length"/>, a non-negative int) as the wrapper's length type <paramref name="to"/>.
    /// A type narrower than int cannot hold every length: a transfer's length is capped at its maximum (the call moves
    /// fewer bytes, as the kernel's own cap makes it); any other length (an address's) must fit, or
    /// <c>ArgumentOutOfRangeException</c> names <paramref name="parameter"/>. Never the low bits: 65,546 is not 10.
    /// </summary>
    // unchecked((nuint)(state.buf.Length))                                                                        (fits)
    // unchecked((ushort)(global::System.Math.Min(state.buf.Length, (int)ushort.MaxValue)))                        (a transfer)
    // unchecked((byte)((addr.Length) <= byte.MaxValue ? (addr.Length) : throw new ...ArgumentOutOfRangeException(nameof(addr), ...)))
    public static string LengthAs(string length, IntegerTypeModel to, IntegerMeaning meaning, string parameter, string call)
    {
        if (MaxOfNarrow(to) is not { } max)
        {
            return FromInteger(length, to);
        }

        return FromInteger(meaning == IntegerMeaning.TransferLength
            ? "global::System.Math.Min(" + length + ", (int)" + max + ")"
            : "(" + length + ") <= " + max + " ? (" + length + ") : " + TooLong(length, to, parameter, call), to);
    }

    // throw new global::System.ArgumentOutOfRangeException(nameof(addr), addr.Length, "...")
    public static string TooLong(string length, IntegerTypeModel to, string parameter, string call) =>
        "throw new global::System.ArgumentOutOfRangeException(nameof(" + parameter + "), " + length + ", \"its length must fit in the "
        + to.Qualified.Replace("global::", "") + " that " + call + " takes\")";

    /// <summary>The maximum of a length type narrower than int (<c>ushort.MaxValue</c>), or <see langword="null"/> when every int length fits.</summary>
    public static string? MaxOfNarrow(IntegerTypeModel type) => type.Integer switch
    {
        SpecialType.System_Byte => "byte.MaxValue",
        SpecialType.System_SByte => "sbyte.MaxValue",
        SpecialType.System_Int16 => "short.MaxValue",
        SpecialType.System_UInt16 => "ushort.MaxValue",
        _ => null,
    };

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
