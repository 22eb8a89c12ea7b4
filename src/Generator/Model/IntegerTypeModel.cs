using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Model;

/// <summary>
/// An integer-like type as the generated code converts it: an integer, an enum, or a typedef struct with one
/// integer field (Tmds.LibC's <c>off_t</c>). Holds what the emitter needs and no symbol.
/// </summary>
/// <param name="Qualified">The fully qualified type.</param>
/// <param name="Special">Its special type (<c>System_Int32</c>, ...); <c>None</c> for an enum or a typedef struct.</param>
/// <param name="IsEnum">Whether it is an enum, converted with an explicit cast.</param>
/// <param name="TypedefField">For a typedef struct, its integer field's fully qualified type; else <see langword="null"/>.</param>
/// <param name="Integer">
/// The special type of the integer the value is: the type itself, a typedef struct's field, an enum's underlying type.
/// Range checks are written against it.
/// </param>
internal sealed record IntegerTypeModel(string Qualified, SpecialType Special, bool IsEnum, string? TypedefField, SpecialType Integer)
{
    public static IntegerTypeModel Of(ITypeSymbol type) =>
        new(TypeFacts.Qualified(type), type.SpecialType, type.TypeKind == TypeKind.Enum, TypeFacts.TypedefField(type) is { } field ? TypeFacts.Qualified(field) : null,
            TypeFacts.IntegerOf(type)?.SpecialType ?? SpecialType.None);
}
