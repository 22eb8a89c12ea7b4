using System;

namespace AsyncSys;

// Marks for the parameters of a wrapper whose libc entry point is not in the generator's table
// (docs/declaring-wrappers.md lists the table). The generator never guesses a pointer's direction or
// length from its name; these say it. They have no effect at run time.

/// <summary>
/// The parameter is memory the call only reads (a <c>const void*</c> buffer), whose byte count is the parameter
/// named <see cref="LengthParameter"/>. The asynchronous variant takes a <see cref="ReadOnlyMemory{T}"/> of bytes in
/// its place and passes its length.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class InputBufferAttribute : Attribute
{
    /// <summary>Marks an input buffer.</summary>
    /// <param name="lengthParameter">The name of the parameter holding the buffer's length in bytes (use <c>nameof</c>).</param>
    public InputBufferAttribute(string lengthParameter) => LengthParameter = lengthParameter;

    /// <summary>The name of the parameter holding the buffer's length in bytes.</summary>
    public string LengthParameter { get; }
}

/// <summary>
/// The parameter is memory the call writes into (a <c>void*</c> out buffer), whose capacity in bytes is the
/// parameter named <see cref="LengthParameter"/>. The asynchronous variant takes a <see cref="Memory{T}"/> of bytes
/// in its place, passes its length, and the caller reads the result from it.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class OutputBufferAttribute : Attribute
{
    /// <summary>Marks an output buffer.</summary>
    /// <param name="lengthParameter">The name of the parameter holding the buffer's capacity in bytes (use <c>nameof</c>).</param>
    public OutputBufferAttribute(string lengthParameter) => LengthParameter = lengthParameter;

    /// <summary>The name of the parameter holding the buffer's capacity in bytes.</summary>
    public string LengthParameter { get; }
}

/// <summary>
/// The parameter is a NUL-terminated string the call only reads: a path or a name (<c>const char*</c>). The
/// asynchronous variant takes a <see cref="string"/>, encoded as UTF-8 on the worker.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class InputPathAttribute : Attribute
{
}

/// <summary>
/// The parameter (<c>T*</c> with <c>T</c> unmanaged) points to one value the call writes, such as
/// <c>struct stat*</c> or <c>int pipefd[2]</c> declared as a struct. The asynchronous variant drops the parameter
/// and returns the value (in a result record when there are several).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class OutputValueAttribute : Attribute
{
}
