using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// An operation's admission time comes from the coarse clock (cheaper by a third of a Nop's own cost), so an in-flight
/// list's ages may be a few milliseconds long, but never short: a checkpointer asking "what has been stuck for more than
/// N ms" must never miss one.
/// </summary>
public sealed class AdmissionClockTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task In_flight_ages_are_never_shorter_than_the_time_since_submission_and_at_most_a_tick_longer(IoBackend backend)
    {
        using IoRing ring = Backends.Create(backend, capacity: 8, name: "admission-clock-" + backend);
        using var pipe = new Pipe();
        long beforeSubmit = Stopwatch.GetTimestamp();
        ValueTask<PollEvents> poll = ring.PollAsync(pipe.ReadFd, PollEvents.In);
        long afterSubmit = Stopwatch.GetTimestamp();
        await Task.Delay(60);

        long beforeSnapshot = Stopwatch.GetTimestamp();
        InFlightOperation listed = Assert.Single(ring.GetInFlightOperations());
        long afterSnapshot = Stopwatch.GetTimestamp();

        TimeSpan atLeast = Stopwatch.GetElapsedTime(afterSubmit, beforeSnapshot);
        TimeSpan atMost = Stopwatch.GetElapsedTime(beforeSubmit, afterSnapshot) + TimeSpan.FromMilliseconds(20);
        Assert.InRange(listed.Age, atLeast, atMost);

        pipe.Write(new byte[] { 1 });
        Assert.True((await poll & PollEvents.In) != 0);
    }
}
