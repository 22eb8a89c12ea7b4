namespace AsyncSys.Analyzers;

/// <summary>
/// One fact a flow rule follows, true on some path (a "may" fact, joined with or): the task consumed since it was last
/// written, an operation still pending in this member.
/// </summary>
internal readonly struct FlowBit : System.IEquatable<FlowBit>
{
    public FlowBit(bool value) => Value = value;

    public bool Value { get; }

    public static FlowBit Join(FlowBit first, FlowBit second) => new(first.Value || second.Value);

    public bool Equals(FlowBit other) => Value == other.Value;

    public override bool Equals(object? obj) => obj is FlowBit other && Equals(other);

    public override int GetHashCode() => Value ? 1 : 0;
}
