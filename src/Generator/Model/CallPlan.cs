using System.Collections.Generic;

namespace AsyncSys.Generator.Model;

/// <summary>
/// A call worked out by a planner, before it becomes a <see cref="CallModel"/>: the generated parameters,
/// how the operation starts, and the values the generated method returns.
/// </summary>
internal sealed class CallPlan
{
    /// <summary>The ring operation, or <see langword="null"/> for a call offloaded to a worker.</summary>
    public RingOpKind? RingOp { get; set; }

    public List<ParameterModel> Parameters { get; } = new();

    /// <summary>Statements before the operation starts.</summary>
    public List<string> Prelude { get; } = new();

    /// <summary>The expression that starts the operation and yields a task.</summary>
    public string Start { get; set; } = "";

    /// <summary>The type of the awaited value, such as <c>int</c>.</summary>
    public string AwaitedType { get; set; } = "";

    /// <summary>Statements that must run however the operation ends (returning a rented buffer).</summary>
    public List<string> Cleanup { get; } = new();

    /// <summary>Statements after the await and before the return, such as the failure check.</summary>
    public List<string> Checks { get; } = new();

    /// <summary>The values the generated method returns, in order.</summary>
    public List<ResultValue> Values { get; } = new();

    /// <summary>An offloaded call's state struct; <see langword="null"/> on the ring.</summary>
    public BlockingStateModel? State { get; set; }

    /// <summary>The object-initializer lines that fill an offloaded call's state (<c>fd = fd,</c>).</summary>
    public List<string> StateInitializers { get; } = new();
}

/// <summary>One value the generated method returns.</summary>
/// <param name="Type">The fully qualified type.</param>
/// <param name="PropertyName">Its name in a result record.</param>
/// <param name="Expression">How to compute it once the awaited value (<c>result</c>) is known.</param>
internal sealed record ResultValue(string Type, string PropertyName, string Expression);
