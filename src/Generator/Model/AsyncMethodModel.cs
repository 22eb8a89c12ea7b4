namespace AsyncSys.Generator.Model;

/// <summary>
/// Everything the emitter needs to write the asynchronous variant of one wrapper. Holds only strings,
/// booleans and equatable arrays: no symbol, syntax node or location, so the incremental pipeline can
/// compare it across edits.
/// </summary>
/// <param name="HintName">The generated file's stable name.</param>
/// <param name="Namespace">The wrapper's namespace, or <see langword="null"/> for the global namespace.</param>
/// <param name="ContainingTypes">The containing types, outermost first.</param>
/// <param name="Accessibility">The wrapper's accessibility as written in C# (<c>"public"</c>, <c>"private protected"</c>, ...).</param>
/// <param name="IsStatic">Whether the wrapper (and so the generated method) is static.</param>
/// <param name="WrapperCref">A cref naming the wrapper, for <c>&lt;inheritdoc&gt;</c>.</param>
/// <param name="GeneratedName">The generated method's name.</param>
/// <param name="SyscallName">The libc entry point, used in error messages.</param>
/// <param name="Parameters">The generated method's parameters, without the ring and the cancellation token.</param>
/// <param name="ResultRecord">The generated result type when the call yields two or more values.</param>
/// <param name="Call">How the call runs: on the ring or on a blocking-call worker.</param>
/// <param name="NullableOblivious">
/// Whether the wrapper's reference types carry no nullable annotations (declared in a <c>#nullable disable</c>
/// context): the generated file is then oblivious too, or it would add warnings at every call site passing null.
/// </param>
/// <param name="Obsolete">
/// The wrapper's <c>[Obsolete]</c> as C# source (<c>global::System.Obsolete("...", true)</c>), or <see langword="null"/>:
/// the generated members carry it too, which also lets the worker call the wrapper without CS0618/CS0619.
/// </param>
/// <param name="Platforms">
/// The wrapper's <c>[SupportedOSPlatform]</c>, <c>[UnsupportedOSPlatform]</c> and <c>[ObsoletedOSPlatform]</c> as one C#
/// attribute list, or <see langword="null"/>: the generated members carry them too, so callers elsewhere are warned (CA1416).
/// </param>
internal sealed record AsyncMethodModel(
    string HintName,
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Accessibility,
    bool IsStatic,
    string WrapperCref,
    string GeneratedName,
    string SyscallName,
    EquatableArray<ParameterModel> Parameters,
    ResultRecordModel? ResultRecord,
    CallModel Call,
    bool NullableOblivious,
    string? Obsolete = null,
    string? Platforms = null);

/// <summary>A containing type, as it is re-declared in the generated partial part.</summary>
/// <param name="Keyword">The declaration keyword: <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">The type's name with its type parameters, such as <c>Buffer&lt;T&gt;</c>.</param>
internal sealed record ContainingTypeModel(string Keyword, string Name);

/// <summary>A parameter, field or property: a fully qualified type and an (escaped) identifier.</summary>
/// <param name="Type">The fully qualified type.</param>
/// <param name="Name">The identifier, escaped with <c>@</c> when it is a keyword.</param>
/// <param name="Default">A parameter's default value as C# source, or <see langword="null"/>.</param>
/// <param name="IsParams">Whether it is the wrapper's <c>params</c> array, kept as one in the overload without a token.</param>
internal sealed record ParameterModel(string Type, string Name, string? Default = null, bool IsParams = false);

/// <summary>The <c>readonly record struct</c> generated when a call yields two or more values.</summary>
/// <param name="Name">The type's name, such as <c>StatxResult</c>.</param>
/// <param name="Properties">The values, in order: the return value, then each <c>out</c> parameter.</param>
internal sealed record ResultRecordModel(string Name, EquatableArray<ParameterModel> Properties);
