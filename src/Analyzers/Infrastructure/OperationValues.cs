using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>Looking through the compiler's implicit and explicit conversions to the value underneath.</summary>
internal static class OperationValues
{
    /// <summary>The operand under any conversions (a resource converted to IDisposable, a Memory passed as ReadOnlyMemory).</summary>
    public static IOperation WithoutConversions(this IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
