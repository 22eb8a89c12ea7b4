namespace AsyncSys.Generator.Model;

/// <summary>
/// A parameter of the wrapper that chooses whether its call acts on the calling thread (clock_gettime's clock,
/// getrusage's who, sched_getaffinity's pid): the variant is generated, and throws <c>ArgumentException</c> naming the
/// parameter for a value that would make the call answer for (or act on) the worker instead of the caller.
/// </summary>
/// <param name="Parameter">The parameter, as the generated method names it (escaped).</param>
/// <param name="Kind">What its value means.</param>
/// <param name="EntryPoint">The call it is passed to, for the message.</param>
/// <param name="Condition">
/// For syscall(2) with a number the caller chooses: the whole test as C# (the number, for each architecture, and the
/// deciding argument of the call that number makes), which replaces the rule of <paramref name="Kind"/>.
/// </param>
/// <param name="Values">With <paramref name="Condition"/>: which values throw, for the message and the docs.</param>
internal sealed record ThreadArgumentGuard(string Parameter, ThreadArgumentKind Kind, string EntryPoint, string? Condition = null, string? Values = null)
{
    /// <summary>The argument rule of <see cref="Kind"/> (its index does not matter here).</summary>
    public ThreadArgument Rule => new(0, Kind);
}
