using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// Where code in a <c>try</c> may throw, for the flow (<see cref="ForwardFlow"/>): a call, an object creation, an
/// await, a <c>throw</c>, an iterator's <c>yield return</c> (where its consumer may stop and dispose it); except a few calls that cannot throw on a task the code just made, which code writes between
/// starting an operation and awaiting it. Counting them would send a <c>finally</c> or a <c>using</c>'s Dispose the
/// facts of a point no exception leaves from.
/// </summary>
internal static class ThrowPoints
{
    public static bool MayThrow(IOperation operation) => operation switch
    {
        IInvocationOperation call => !CannotThrow(call),
        IAwaitOperation awaited => !IsRaceWait(awaited.Operation),
        IObjectCreationOperation creation => !IsCompletedValueTask(creation),
        IThrowOperation or IDynamicInvocationOperation or IDynamicObjectCreationOperation => true,

        // At a yield return the consumer runs, and may stop there (a break out of its foreach, an exception of its
        // own): disposing the iterator then runs the finally blocks around the yield, as an exception would.
        IReturnOperation { Kind: OperationKind.YieldReturn } => true,
        IBinaryOperation binary => binary.IsChecked || IsIntegerDivision(binary.OperatorKind, binary.OperatorMethod, binary.Type, binary.RightOperand),
        ICompoundAssignmentOperation compound => compound.IsChecked || IsIntegerDivision(compound.OperatorKind, compound.OperatorMethod, compound.Type, compound.Value),
        IUnaryOperation unary => unary.IsChecked,
        IIncrementOrDecrementOperation step => step.IsChecked,
        IConversionOperation conversion => conversion.IsChecked && conversion.Conversion.IsNumeric,
        _ => false,
    };

    /// <summary>
    /// An integer <c>/</c> or <c>%</c> by a value that is not a constant other than 0 and -1: it throws for a zero divisor
    /// (and for <c>MinValue / -1</c>), which comes from the data, not from a bug of the code the way an index out of
    /// range does. Counted with <c>checked</c> arithmetic and conversions, which are written to throw on an overflow.
    /// </summary>
    private static bool IsIntegerDivision(BinaryOperatorKind kind, IMethodSymbol? userOperator, ITypeSymbol? type, IOperation divisor) =>
        kind is BinaryOperatorKind.Divide or BinaryOperatorKind.Remainder
        && userOperator is null
        && type?.SpecialType is SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
            or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
            or SpecialType.System_IntPtr or SpecialType.System_UIntPtr or SpecialType.System_Char
        && !(divisor.ConstantValue is { HasValue: true, Value: { } constant } && System.Convert.ToDecimal(constant, System.Globalization.CultureInfo.InvariantCulture) is not (0m or -1m));

    /// <summary>
    /// The list, kept small, each for its documented behaviour: <c>AsTask()</c> and <c>Preserve()</c> of a ValueTask and
    /// <c>ConfigureAwait(bool)</c> only wrap the task; <c>Task.WhenAny</c>/<c>Task.WhenAll</c> given tasks throw only for a
    /// null one; <c>Task.Delay(timeout)</c> throws only for an invalid timeout (a negative one other than -1 ms): a bug
    /// of the caller's argument, not a way the code is written to leave, and counting it would report every race of a
    /// read against a timeout however carefully the loser is awaited; given a cancellation token (or a <c>TimeProvider</c>)
    /// too, the token only ends the delay early, as a cancelled task the race returns, and the call throws only for the
    /// same invalid timeout or a source already disposed (a bug of the caller's as well); so does <c>t.WaitAsync(timeout)</c>
    /// (its await is where a timeout throws); <c>CancellationTokenSource.Cancel()</c> throws only
    /// what a callback registered on its token throws, and cancelling, then awaiting, is how a timed-out read is ended;
    /// <c>AsMemory</c>, <c>AsSpan</c> and <c>Slice</c> make a view and throw only for a start or length out of range (the
    /// second half of a buffer given to a second read while the first runs), as <c>BinaryPrimitives</c>' reads and writes
    /// throw only for a span too short for the value (since round 44: a record header stamped while a write runs); <c>Task.FromResult</c> and
    /// <c>ValueTask.FromResult</c> only wrap a value in a completed task (the arm of a <c>?:</c> that starts no operation,
    /// next to one that does); <c>TimeSpan.FromSeconds</c> and the other <c>TimeSpan.From*</c> factories throw only for a
    /// value out of TimeSpan's range or NaN, the same bug of the caller's argument as <c>Task.Delay</c>'s invalid timeout
    /// (they make the delay of a race: <c>Task.Delay(TimeSpan.FromSeconds(2))</c>; <c>TimeSpan.Parse</c> of a setting
    /// still counts, it throws for the data). Since round 48 <c>t.ContinueWith(...)</c> too: it throws only for a null
    /// delegate or scheduler or invalid options (the caller's bug); what the continuation throws goes into the task it
    /// returns, also when it runs at once (a watchdog <c>Task.Delay(timeout).ContinueWith(_ =&gt; cts.Cancel())</c>
    /// armed between a receive's start and its await). A method of this compilation declared <c>async</c> puts whatever its body throws into
    /// the task it returns (an <c>async void</c> one, into its synchronization context): its call throws nothing (a helper
    /// given an operation's task to await and copy out, called between the start and the await of its own task).
    /// Library members that cannot throw at all, for any argument, so code written between the start and the await
    /// of an operation keeps it from any <c>finally</c>: <c>Interlocked.*</c> and <c>Volatile.*</c> (atomic reads and
    /// writes of a location the code names), <c>Stopwatch.GetTimestamp()</c>/<c>GetElapsedTime</c>,
    /// <c>Math.Min</c>/<c>Math.Max</c>, and <c>MemoryMarshal.Cast</c> between primitive number types when the target is
    /// at least as wide as the source (it throws only for element types holding references, and for an overflow of
    /// the length when it narrows). A method of this compilation is not on the list, however simple its body: which of
    /// its statements may throw is not looked at.
    /// </summary>
    private static bool CannotThrow(IInvocationOperation call)
    {
        IMethodSymbol method = call.TargetMethod;
        if (method.IsAsync)
        {
            return true;
        }

        if (method is { Name: "Cancel", Parameters.Length: 0, ContainingType: { Name: "CancellationTokenSource", ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } } })
        {
            return true;
        }

        // The ring's own cancellation (`ring.CancelAll()`, `CancelByFd(fd)`, `CancelByTag(tag)`) throws only for a disposed
        // ring (whose operations are being ended already) or a negative descriptor or null tag, the caller's bug: like
        // `CancellationTokenSource.Cancel()`, cancelling the ring's operations and then awaiting them is how code ends them.
        if (method is { Name: "CancelAll" or "CancelByFd" or "CancelByTag", IsStatic: false, ContainingType: { Name: "IoRing", ContainingNamespace: { Name: "AsyncSys", ContainingNamespace.IsGlobalNamespace: true } } })
        {
            return true;
        }

        if (NeverThrows(method))
        {
            return true;
        }

        if (method.Name is "AsMemory" or "AsSpan" or "Slice" && IsMemoryView(method.ReducedFrom?.ContainingType ?? method.ContainingType))
        {
            return true;
        }

        // `BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(0, 8), lsn)`: its Read*/Write* throw only for a span too
        // short for the value (the caller's bug, as a slice out of range is), its Try* return false, ReverseEndianness
        // cannot throw.
        if (method is { IsStatic: true, ContainingType: { Name: "BinaryPrimitives", ContainingNamespace: { Name: "Binary" } binary } } &&
            binary.ContainingNamespace is { Name: "Buffers" } buffers && buffers.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true })
        {
            return true;
        }

        // `Base64.EncodeToUtf8InPlace(frame, n, out int written)`, `encoder.Compress(chunk, output, out _, out _, last)`:
        // the transcoders and codecs that answer with an OperationStatus report bad data and a short destination through
        // it, and throw only for the caller's bug (a disposed encoder, a length out of range), as a slice does (round 55:
        // a frame encoded, a chunk compressed between a send's start and its await).
        if (ReportsByStatus(method))
        {
            return true;
        }

        if (method is { IsStatic: true, ContainingType: { Name: "TimeSpan", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } }
            && method.Name.StartsWith("From", System.StringComparison.Ordinal))
        {
            return true;
        }

        if (!IsTaskType(method.ContainingType))
        {
            return false;
        }

        return method.Name switch
        {
            "AsTask" or "Preserve" => method.Parameters.Length == 0,
            "ConfigureAwait" => method.Parameters.Length == 1 && method.Parameters[0].Type.SpecialType == SpecialType.System_Boolean,
            "WhenAny" or "WhenAll" => method.IsStatic && call.Arguments.Length > 0,
            "Delay" => method.IsStatic && method.Parameters.Length >= 1 && IsDelayOnly(method),
            "WaitAsync" => !method.IsStatic && IsWaitOnly(method),
            "FromResult" => method.IsStatic && method.Parameters.Length == 1,
            "ContinueWith" => !method.IsStatic,
            _ => false,
        };
    }

    private static bool ReportsByStatus(IMethodSymbol method)
    {
        if (method.ReturnType is not { Name: "OperationStatus", ContainingNamespace: { Name: "Buffers", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } })
        {
            return false;
        }

        INamedTypeSymbol type = method.ContainingType;
        INamespaceSymbol? ns = type.ContainingNamespace;
        string? outer = ns?.ContainingNamespace?.Name;
        bool inSystem = ns?.ContainingNamespace?.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true };
        return inSystem && (type.Name, ns!.Name, outer) switch
        {
            ("Base64" or "Base64Url", "Text", "Buffers") => true,
            ("Utf8", "Unicode", "Text") => true,
            ("BrotliEncoder" or "BrotliDecoder", "Compression", "IO") => true,
            _ => false,
        };
    }

    private static bool NeverThrows(IMethodSymbol method)
    {
        if (!method.IsStatic || method.ContainingType is not { ContainingNamespace: { } space } type)
        {
            return false;
        }

        return type.Name switch
        {
            "Interlocked" or "Volatile" => IsSystemNamespace(space, "Threading"),
            "Stopwatch" => method.Name is "GetTimestamp" or "GetElapsedTime" && IsSystemNamespace(space, "Diagnostics"),
            "Math" => method.Name is "Min" or "Max" && space is { Name: "System", ContainingNamespace.IsGlobalNamespace: true },
            "MemoryMarshal" => method is { Name: "Cast", TypeArguments.Length: 2 } && space is { Name: "InteropServices", ContainingNamespace: { Name: "Runtime" } runtime } &&
                IsSystemNamespace(runtime, "Runtime") && PrimitiveSize(method.TypeArguments[0]) is int from && PrimitiveSize(method.TypeArguments[1]) is int to && from <= to,
            _ => false,
        };
    }

    /// <summary>Whether the namespace is <c>System.{name}</c>.</summary>
    private static bool IsSystemNamespace(INamespaceSymbol space, string name) =>
        space is { ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } && space.Name == name;

    /// <summary>The size of a primitive number type (no references inside), or null for any other type.</summary>
    private static int? PrimitiveSize(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Boolean => 1,
        SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Char => 2,
        SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Single => 4,
        SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Double => 8,
        _ => null,
    };

    /// <summary>
    /// <c>new ValueTask&lt;T&gt;(result)</c>: the struct only holds the value, a task already completed; it allocates
    /// nothing and checks nothing (the constructors given a task or a source throw for a null one, and stay counted).
    /// </summary>
    private static bool IsCompletedValueTask(IObjectCreationOperation creation) =>
        creation.Constructor is { Parameters.Length: 1, ContainingType: { Name: "ValueTask", TypeArguments.Length: 1 } valueTask } constructor
        && IsTaskType(valueTask)
        && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, valueTask.TypeArguments[0]);

    /// <summary><c>Task.Delay</c>'s own overloads: the delay, then a cancellation token or a time provider, nothing else.</summary>
    private static bool IsDelayOnly(IMethodSymbol method)
    {
        for (int i = 1; i < method.Parameters.Length; i++)
        {
            if (method.Parameters[i].Type is not { Name: "CancellationToken" or "TimeProvider", ContainingNamespace.Name: "Threading" or "System" })
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// <c>Task.WaitAsync</c>'s own overloads (a timeout, a cancellation token, a time provider): the call makes the wait's
    /// task, which ends with the timeout or the cancellation; it throws itself only for an invalid timeout or a null
    /// provider, as <c>Task.Delay</c> does. Its await is another matter (see <c>IChoosesHandlerFacts</c> in ASYS1005).
    /// </summary>
    private static bool IsWaitOnly(IMethodSymbol method)
    {
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (parameter.Type is not { Name: "TimeSpan" or "CancellationToken" or "TimeProvider", ContainingNamespace.Name: "Threading" or "System" })
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// <c>await Task.WhenAny(...)</c> (through <c>ConfigureAwait</c>): its task ends when the first task ends, and always
    /// with that task as its result, never faulted or cancelled.
    /// </summary>
    private static bool IsRaceWait(IOperation awaited)
    {
        awaited = awaited.WithoutConversions();
        while (awaited is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
        {
            awaited = configured.WithoutConversions();
        }

        return awaited is IInvocationOperation { TargetMethod: { Name: "WhenAny", IsStatic: true } method } && IsTaskType(method.ContainingType);
    }

    /// <summary><c>MemoryExtensions</c>, <c>Memory&lt;T&gt;</c>, <c>Span&lt;T&gt;</c> and their read-only twins.</summary>
    private static bool IsMemoryView(INamedTypeSymbol? type) =>
        type is { Name: "MemoryExtensions" or "Memory" or "ReadOnlyMemory" or "Span" or "ReadOnlySpan", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary><c>System.Threading.Tasks.Task</c>, <c>Task&lt;T&gt;</c>, <c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c>.</summary>
    private static bool IsTaskType(INamedTypeSymbol? type) =>
        type is { Name: "Task" or "ValueTask", ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };
}
