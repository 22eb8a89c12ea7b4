using Microsoft.CodeAnalysis;

namespace AsyncSys.Analyzers;

/// <summary>
/// Library types whose methods run managed code only: collections, text building and encoding, array pools, array
/// and memory helpers, formatting and parsing. Between a P/Invoke and its errno read (ASYS1001) a call to one of them
/// leaves errno alone, like arithmetic: none reaches a P/Invoke declared with <c>SetLastError</c>, the only thing that
/// writes the saved error <c>Marshal.GetLastPInvokeError</c> returns.
/// </summary>
/// <remarks>
/// Real code does this between a failed call and its errno read all the time: a buffer returned to its pool, a message
/// built in a StringBuilder or decoded from UTF-8, a failure counted in a dictionary. Not here: anything that does I/O
/// or waits (streams, Console, files, sockets, Process, wait handles, <c>BlockingCollection</c>), events raised to
/// anyone's handlers (<c>ObservableCollection</c>), and a call given a delegate (a <c>List.ForEach</c>, a
/// <c>ConcurrentDictionary.GetOrAdd</c> factory, a LINQ selector): the delegate is anyone's code, so such a call still
/// counts. A key's own <c>GetHashCode</c>/<c>Equals</c> is assumed not to make system calls.
/// </remarks>
internal static class ManagedOnlyCalls
{
    /// <summary>Whether <paramref name="method"/>, declared on <paramref name="type"/>, runs only managed code.</summary>
    public static bool Contains(IMethodSymbol method, INamedTypeSymbol type)
    {
        // An interface's (IList<T>, IEnumerable<T>) implementation is anyone's code.
        if (type.TypeKind == TypeKind.Interface || !IsManagedOnlyType(type))
        {
            return false;
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (parameter.Type.TypeKind == TypeKind.Delegate)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsManagedOnlyType(INamedTypeSymbol type)
    {
        INamespaceSymbol? ns = type.ContainingNamespace;
        if (SymbolNames.IsNamespace(ns, "System.Collections.Generic") || SymbolNames.IsNamespace(ns, "System.Collections.Immutable") ||
            SymbolNames.IsNamespace(ns, "System.Collections.Frozen") || SymbolNames.IsNamespace(ns, "System.Buffers.Text") ||
            SymbolNames.IsNamespace(ns, "System.Text.Unicode"))
        {
            return true;
        }

        if (SymbolNames.IsNamespace(ns, "System.Collections.Concurrent"))
        {
            return type.MetadataName is not ("BlockingCollection`1" or "Partitioner" or "OrderablePartitioner`1");
        }

        if (SymbolNames.IsNamespace(ns, "System.Text"))
        {
            return type.MetadataName is "StringBuilder" or "Encoding" or "UTF8Encoding" or "ASCIIEncoding" or "UnicodeEncoding" or
                "UTF32Encoding" or "Latin1Encoding" or "Rune" or "Ascii" or "Encoder" or "Decoder";
        }

        if (SymbolNames.IsNamespace(ns, "System.Buffers"))
        {
            return type.MetadataName is "ArrayPool`1" or "ArrayBufferWriter`1" or "SequenceReader`1" or "ReadOnlySequence`1" or "SearchValues";
        }

        if (SymbolNames.IsNamespace(ns, "System"))
        {
            return type.MetadataName is "Array" or "Buffer" or "Memory`1" or "ReadOnlyMemory`1" or "ArraySegment`1" or "Convert" or
                "HashCode" or "TimeSpan" or "Index" or "Range" or "Nullable`1" or "Half" or "Int128" or "UInt128" or "Tuple" or
                "ValueTuple" or "Version";
        }

        return false;
    }
}
