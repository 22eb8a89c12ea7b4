using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Model;

/// <summary>
/// The size in bytes of an unmanaged value as the runtime lays it out, where the declaration alone says it: fixed-size
/// integers and floats, enums, and structs declared in source (sequential or explicit layout, <c>Pack</c>, <c>Size</c>,
/// fixed buffers, [InlineArray] repeats) made of those. Unknown (<see langword="null"/>) where it depends on the platform (<c>nint</c>, pointers),
/// on marshalling (<c>bool</c>, <c>char</c>) or on a layout the symbols do not show (a struct from metadata, whose
/// <c>StructLayout</c> is not an attribute there; <c>LayoutKind.Auto</c>; a generic struct). Used to refuse a value the
/// kernel writes more bytes into than it holds, never to accept one: unknown refuses nothing.
/// </summary>
internal static class ValueSize
{
    private const int LayoutSequential = 0, LayoutExplicit = 2;

    public static int? Of(ITypeSymbol type) => SizeAndAlignment(type, depth: 0)?.Size;

    private static (int Size, int Alignment)? SizeAndAlignment(ITypeSymbol type, int depth)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
                return (1, 1);
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
                return (2, 2);
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Single:
                return (4, 4);
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Double:
                return (8, 8);
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
        {
            return SizeAndAlignment(underlying, depth + 1);
        }

        if (depth > 16 || type is not INamedTypeSymbol { TypeKind: TypeKind.Struct, IsGenericType: false } named || named.DeclaringSyntaxReferences.Length == 0)
        {
            return null;
        }

        int layout = LayoutSequential, pack = 0, declaredSize = 0;
        foreach (AttributeData attribute in named.GetAttributes())
        {
            if (attribute.AttributeClass is { } inlineArray && TypeFacts.IsNamed(inlineArray, "System.Runtime.CompilerServices", "InlineArrayAttribute"))
            {
                // [InlineArray(n)]: the runtime repeats the struct's one field n times (a C array such as int[2] or a
                // sockaddr_storage's 128 bytes), so its size is n elements, not the one field the symbols show.
                return attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int length && length > 0
                    && InlineArrayElement(named) is { } element && SizeAndAlignment(element, depth + 1) is { } known
                    ? (known.Size * length, known.Alignment)
                    : null;
            }

            if (attribute.AttributeClass is not { } attributeType || !TypeFacts.IsNamed(attributeType, "System.Runtime.InteropServices", "StructLayoutAttribute"))
            {
                continue;
            }

            layout = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int kind ? kind : -1;
            foreach (System.Collections.Generic.KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == "Pack" && argument.Value.Value is int p)
                {
                    pack = p;
                }
                else if (argument.Key == "Size" && argument.Value.Value is int s)
                {
                    declaredSize = s;
                }
            }
        }

        if (layout is not (LayoutSequential or LayoutExplicit))
        {
            return null;
        }

        int size = 0, alignment = 1;
        foreach (ISymbol member in named.GetMembers())
        {
            if (member is not IFieldSymbol { IsStatic: false, IsConst: false } field)
            {
                continue;
            }

            (int Size, int Alignment)? element = field.IsFixedSizeBuffer && field.Type is IPointerTypeSymbol pointer
                ? SizeAndAlignment(pointer.PointedAtType, depth + 1)
                : SizeAndAlignment(field.Type, depth + 1);
            if (element is not { } known)
            {
                return null;
            }

            int fieldSize = field.IsFixedSizeBuffer ? known.Size * field.FixedSize : known.Size;
            int fieldAlignment = pack > 0 && pack < known.Alignment ? pack : known.Alignment;
            if (layout == LayoutExplicit)
            {
                if (OffsetOf(field) is not int offset)
                {
                    return null;
                }

                size = System.Math.Max(size, offset + fieldSize);
            }
            else
            {
                size = Align(size, fieldAlignment) + fieldSize;
            }

            alignment = System.Math.Max(alignment, fieldAlignment);
        }

        size = System.Math.Max(System.Math.Max(Align(size, alignment), 1), declaredSize);
        return (size, alignment);
    }

    /// <summary>The one instance field of an [InlineArray] struct (the compiler requires exactly one), or null.</summary>
    private static ITypeSymbol? InlineArrayElement(INamedTypeSymbol type)
    {
        ITypeSymbol? element = null;
        foreach (ISymbol member in type.GetMembers())
        {
            if (member is IFieldSymbol { IsStatic: false, IsConst: false } field)
            {
                if (element is not null)
                {
                    return null;
                }

                element = field.Type;
            }
        }

        return element;
    }

    private static int? OffsetOf(IFieldSymbol field)
    {
        foreach (AttributeData attribute in field.GetAttributes())
        {
            if (attribute.AttributeClass is { } type && TypeFacts.IsNamed(type, "System.Runtime.InteropServices", "FieldOffsetAttribute")
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int offset)
            {
                return offset;
            }
        }

        return null;
    }

    private static int Align(int offset, int alignment) => (offset + alignment - 1) / alignment * alignment;
}
