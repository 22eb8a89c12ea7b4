using System.Collections.Generic;

namespace AsyncSys.Generator.Model;

/// <summary>
/// A call worked out by a planner, before it becomes a <see cref="CallModel"/>: the generated parameters, the
/// ring request or worker call, and the values the generated method returns.
/// </summary>
internal sealed class CallPlan
{
    /// <summary>The ring operation, or <see langword="null"/> for a call offloaded to a worker.</summary>
    public RingOpKind? RingOp => Ring?.Op;

    public List<ParameterModel> Parameters { get; } = new();

    /// <summary>The ring request; <see langword="null"/> on a worker.</summary>
    public RingCallModel? Ring { get; set; }

    /// <summary>The worker call; <see langword="null"/> on the ring.</summary>
    public WorkerCallModel? Worker { get; set; }

    /// <summary>
    /// For a ring call: each wrapper parameter's role in the table shape the ring planner fitted (a length or count
    /// folded into its buffer included), so the wrapper can be run with the ring variant's own parameters.
    /// </summary>
    public ParameterRole?[]? WrapperRoles { get; set; }

    /// <summary>The values the generated method returns, in order.</summary>
    public List<ResultValueModel> Values { get; } = new();
}
