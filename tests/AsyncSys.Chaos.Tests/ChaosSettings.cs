using System;
using System.Globalization;

namespace AsyncSys.Chaos.Tests;

/// <summary>
/// Short mode by default (the whole project stays within about two minutes on two cores);
/// <c>ASYNCSYS_CHAOS_LONG=1</c> runs the long mode; <c>ASYNCSYS_CHAOS_SEED=N</c> replays one seed.
/// </summary>
internal static class ChaosSettings
{
    public const string LongVariable = "ASYNCSYS_CHAOS_LONG";
    public const string SeedVariable = "ASYNCSYS_CHAOS_SEED";

    public static bool Long => Environment.GetEnvironmentVariable(LongVariable) == "1";

    /// <summary>The seed to use: the variable's value when set, else a fresh one (printed on failure by the caller).</summary>
    public static int Seed =>
        Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } text
            ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : Random.Shared.Next();

    /// <summary>How long one randomized mix runs.</summary>
    public static TimeSpan MixDuration => Long ? TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(2.5);

    /// <summary>How many rounds of a repeated scenario.</summary>
    public static int Rounds(int shortRounds, int longRounds) => Long ? longRounds : shortRounds;
}
