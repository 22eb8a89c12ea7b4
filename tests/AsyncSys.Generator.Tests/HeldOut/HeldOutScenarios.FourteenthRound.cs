using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the fourteenth blind round (Waits.case, InOut.case), written with the case files, before the
/// generator was run on them. Waits run on timerfds, pipes, epoll instances and futex words in native memory; sleeps are a
/// millisecond, or long and ended by the variant's token (the sync call is not made then). Each side works on its own
/// object where the call changes one; poll and select, which only look, watch the same pipes on both sides. In-out values
/// are checked both ways: what the call reads must change its answer (a lock to test, an offset to start at), and what it
/// writes back must come back to the caller (in the result, or in the caller's own memory). Children (/bin/true, /bin/sleep)
/// are spawned per side and reaped by the run; one still running when the test ends is killed through its pidfd and reaped.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const string WaitProbeType = "HeldOut.Waits.WaitProbes";
    private const string InOutProbeType = "HeldOut.InOut.InOutProbes";
    private const int PollOut = 4;
    private const int FutexWaitPrivate = 128, FutexWakePrivate = 129;
    private const int SigKill = 9, SigUsr2 = 12;
    private const int OfdGetLk = 36, OfdSetLkW = 38;
    private const short ReadLock = 0, WriteLock = 1;
    private const int WExited = 4;

    private static Dictionary<string, (string, string)> WithFourteenthRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Waits"] = (HeldOutProbes.Waits, HeldOutProbes.WaitsLibraryImport);
        probes["InOut"] = (HeldOutProbes.InOut, HeldOutProbes.InOutLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithFourteenthRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in SleepRuns().Concat(TimerRuns()).Concat(PollRuns()).Concat(OffsetRuns()).Concat(LockRuns()).Concat(ChildRuns()).Concat(CounterRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static long TakeWait(HeldOutRun r, int index) => Take(r, WaitProbeType, index);

    private static long TakeInOut(HeldOutRun r, int index) => Take(r, InOutProbeType, index);

    /// <summary>
    /// A value somewhere in what the variant returned: a member named <paramref name="path"/>[0] of the result, of a record's
    /// member or of a struct inside it, then the next name inside that, and so on.
    /// </summary>
    private static long? Dig(object? value, params string[] path)
    {
        object? current = value;
        foreach (string name in path)
        {
            current = FindMember(current, name, 3);
            if (current is null)
            {
                return null;
            }
        }

        return HeldOutRunner.AsNumber(current);
    }

    private static object? FindMember(object? value, string name, int depth)
    {
        if (value is null || depth < 0 || value.GetType().IsPrimitive || value is string)
        {
            return null;
        }

        const BindingFlags Flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.IgnoreCase;
        Type type = value.GetType();
        object? direct = type.GetField(name, Flags)?.GetValue(value)
            ?? (type.GetProperty(name, Flags) is { } property && property.GetIndexParameters().Length == 0 ? property.GetValue(value) : null);
        if (direct is not null)
        {
            return direct;
        }

        IEnumerable<object?> inner = type.GetFields(Flags).Where(f => IsCaseType(f.FieldType)).Select(f => f.GetValue(value))
            .Concat(type.GetProperties(Flags).Where(p => p.GetIndexParameters().Length == 0 && IsCaseType(p.PropertyType)).Select(p => p.GetValue(value)));
        foreach (object? member in inner)
        {
            if (FindMember(member, name, depth - 1) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static bool IsCaseType(Type type) => (type.Namespace ?? "").StartsWith("HeldOut", StringComparison.Ordinal) || type == typeof(TimeSpan);

    /// <summary>
    /// The call's own result as the variant returned it: a result record's ReturnValue, or the awaited value when it is the
    /// wrapper's result; null when the variant returned only the call's out-values.
    /// </summary>
    private static long? CallResultOf(HeldOutRun r, VariantOutcome v)
    {
        if (v.Result is null)
        {
            return null;
        }

        if (v.Result.GetType().GetProperty("ReturnValue") is { } returned)
        {
            return HeldOutRunner.AsNumber(returned.GetValue(v.Result));
        }

        IMethodSymbol variant = r.Row.VariantSymbols[0];
        IMethodSymbol wrapper = r.Row.WrapperSymbol!;
        bool outValues = wrapper.Parameters.Any(p => p.RefKind is RefKind.Out or RefKind.Ref || p.GetAttributes().Any(a => a.AttributeClass?.Name == "OutputValueAttribute"));
        bool sameType = variant.ReturnType is INamedTypeSymbol { TypeArguments: [var awaited] } && SymbolEqualityComparer.Default.Equals(awaited, wrapper.ReturnType);
        return sameType && !outValues ? v.Number : null;
    }

    /// <summary>The call's result must come back as the sync wrapper's did (a 0 on success may be dropped for the out-values).</summary>
    private static void ExpectResult(HeldOutRun r, string what, long sync, VariantOutcome v)
    {
        if (sync < 0 || v.Errno is not null || v.Other is not null)
        {
            r.ExpectSame(what, sync, v);
            return;
        }

        long? result = CallResultOf(r, v);
        r.Row.Runs.Add(what + ": sync returned " + sync + ", async " + (result is long n ? "returned " + n : "returned only its out-values (" + v.Result + ")"));
        if (result is null && sync != 0)
        {
            r.Row.Problems.Add(what + ": the call's result (" + sync + ") is not returned by the variant, only its out-values (" + v.Result + ")");
        }
        else if (result is long value && value != sync)
        {
            r.Row.Problems.Add(what + ": the variant returned " + value + " where the sync wrapper returned " + sync);
        }
    }

    /// <summary>A value the call wrote back (found anywhere in the variant's result) must be the one the sync call wrote.</summary>
    private static void ExpectWritten(HeldOutRun r, string what, long sync, VariantOutcome v, params string[] path)
    {
        long? value = v.Errno is null && v.Other is null ? Dig(v.Result, path) : null;
        if (value is null && v.Errno is null && v.Other is null && v.Result is not null && v.Result.GetType().GetProperty("ReturnValue") is null && CallResultOf(r, v) is null)
        {
            // The one out-value returned as it is (eventfd_read's counter in place of the call's 0): the result itself.
            value = HeldOutRunner.AsNumber(v.Result);
        }

        r.Row.Runs.Add(what + ": sync " + sync + ", async " + (value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none in " + v));
        if (value != sync)
        {
            r.Row.Problems.Add(what + ": the variant gave " + (value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing (" + v + ")") + " where the sync wrapper wrote " + sync + " (" + string.Join(".", path) + ")");
        }
    }

    /// <summary>A wait the sync call would not end: only the variant runs, and its token must end it with OperationCanceledException.</summary>
    private static async Task ExpectCancelled(HeldOutRun r, string what, params (string Name, object? Value)[] arguments)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        VariantOutcome v = await r.Async(arguments.Append(("cancellationToken", (object?)cancel.Token)).ToArray());
        r.Row.Runs.Add(what + ", cancelled after 300 ms: async " + v);
        if (v.Other is not OperationCanceledException)
        {
            r.Row.Problems.Add(what + ": the variant " + v + " where its cancelled token must end it with OperationCanceledException (the sync call waits)");
        }
    }

    private static async Task ExpectCancelledOn(HeldOutRun r, object target, string what, params (string Name, object? Value)[] arguments)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        VariantOutcome v = await r.AsyncOn(target, arguments.Append(("cancellationToken", (object?)cancel.Token)).ToArray());
        r.Row.Runs.Add(what + ", cancelled after 300 ms: async " + v);
        if (v.Other is not OperationCanceledException)
        {
            r.Row.Problems.Add(what + ": the variant " + v + " where its cancelled token must end it with OperationCanceledException (the sync call waits)");
        }
    }

    private static long NativeOf(HeldOutRun r, string type, string probe, params object?[] arguments) => Native(r, (long)r.CallStatic(type, probe, arguments)!);

    private static long Timespec(HeldOutRun r, long sec, long nsec) => NativeOf(r, WaitProbeType, "Probe_timespec", sec, nsec);

    /// <summary>A child of this process running 'path' (with one argument or none); killed through its pidfd and reaped when the test ends if the run has not reaped it.</summary>
    private static int Child(HeldOutRun r, string probeType, string path, string? argument = null)
    {
        long pid = (long)r.CallStatic(probeType, "Probe_spawn", path, argument)!;
        if (pid <= 0)
        {
            throw new InvalidOperationException("posix_spawn " + path + " failed: " + pid + "; the run is wrong");
        }

        long pidfd = (long)r.CallStatic(probeType, "Probe_pidfd_open_raw", (int)pid)!;
        r.Track(new Undo(() =>
        {
            // A process that still exists (running or not yet reaped) keeps its pid: kill it and reap it; ESRCH: reaped already.
            if (pidfd >= 0 && (long)r.CallStatic(probeType, "Probe_pidfd_kill", (int)pidfd)! == 0)
            {
                r.CallStatic(probeType, "Probe_reap", (int)pid);
            }

            if (pidfd >= 0)
            {
                r.CallStatic(probeType, "Probe_close", (int)pidfd);
            }
        }));
        return (int)pid;
    }

    private static long Reap(HeldOutRun r, string probeType, int pid) => (long)r.CallStatic(probeType, "Probe_reap", pid)!;

    private static (int Read, int Write) PipeWithData(HeldOutRun r)
    {
        (int read, int write) = Pipe(r);
        r.Sync("Probe_write_byte", write);
        return (read, write);
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> SleepRuns() => new()
    {
        ["sleep.nanosleep_nint_cancel_hook"] = async r =>
        {
            long remA = NativeOf(r, WaitProbeType, "Probe_native", 16), remB = NativeOf(r, WaitProbeType, "Probe_native", 16);
            long ms = Timespec(r, 0, 1_000_000);
            r.ExpectSame("1 ms", r.Sync("Probe_nanosleep_at", ms, remA), await r.Async(("req", ms), ("rem", remB)));
            long bad = Timespec(r, 0, 2_000_000_000);
            r.ExpectSame("tv_nsec of 2e9 (EINVAL)", r.Sync("Probe_nanosleep_at", bad, remA), await r.Async(("req", bad), ("rem", remB)));
            r.ExpectSame("a NULL request (EFAULT)", r.Sync("Probe_nanosleep_at", 0L, remA), await r.Async(("req", 0L), ("rem", remB)));
            await ExpectCancelled(r, "30 s", ("req", Timespec(r, 30, 0)), ("rem", remB));
        },
        ["sleep.sleep_ordinary_timespan_out_remaining"] = async r =>
        {
            long sync = r.Sync("Probe_sleep", TimeSpan.TicksPerMillisecond);
            long remaining = TakeWait(r, 0);
            VariantOutcome v = await r.Async(("duration", TimeSpan.FromMilliseconds(1)));
            ExpectResult(r, "1 ms", sync, v);
            ExpectWritten(r, "the remaining time (0)", remaining, v, "remaining");
            r.ExpectSame("-1 s (EINVAL)", r.Sync("Probe_sleep", -TimeSpan.TicksPerSecond), await r.Async(("duration", TimeSpan.FromSeconds(-1))));
            await ExpectCancelled(r, "30 s", ("duration", TimeSpan.FromSeconds(30)));
        },
        ["sleep.clock_nanosleep_nint_outputvalue"] = async r =>
        {
            long ms = Timespec(r, 0, 1_000_000);
            (string, object?)[] Args(int clock, int flags, long request) => new (string, object?)[] { ("clockid", clock), ("flags", flags), ("request", request) };
            ExpectResult(r, "CLOCK_MONOTONIC, 1 ms", r.Sync("Probe_clock_nanosleep", 1, 0, ms), await r.Async(Args(1, 0, ms)));
            r.ExpectSame("CLOCK_THREAD_CPUTIME_ID (EINVAL, returned)", r.Sync("Probe_clock_nanosleep", 3, 0, ms), await r.Async(Args(3, 0, ms)));
            r.ExpectSame("clock 99 (EINVAL, returned)", r.Sync("Probe_clock_nanosleep", 99, 0, ms), await r.Async(Args(99, 0, ms)));
            long zero = Timespec(r, 0, 0);
            ExpectResult(r, "TIMER_ABSTIME at 0 (long past)", r.Sync("Probe_clock_nanosleep", 1, 1, zero), await r.Async(Args(1, 1, zero)));
            r.ExpectSame("a NULL request (EFAULT, returned)", r.Sync("Probe_clock_nanosleep", 1, 0, 0L), await r.Async(Args(1, 0, 0L)));
            r.ExpectSame("tv_nsec of 2e9 (EINVAL, returned)", r.Sync("Probe_clock_nanosleep", 1, 0, Timespec(r, 0, 2_000_000_000)), await r.Async(Args(1, 0, Timespec(r, 0, 2_000_000_000))));
        },
        ["sleep.clock_nanosleep_negative_errno_mode"] = async r =>
        {
            long ms = Timespec(r, 0, 1_000_000);
            long remA = NativeOf(r, WaitProbeType, "Probe_native", 16), remB = NativeOf(r, WaitProbeType, "Probe_native", 16);
            (string, object?)[] Args(int clock, int flags, long request) => new (string, object?)[] { ("clockid", clock), ("flags", flags), ("request", request), ("remain", remB) };
            r.ExpectSame("1 ms", r.Sync("Probe_try_clock_nanosleep", 1, 0, ms, remA), await r.Async(Args(1, 0, ms)));
            r.ExpectSame("CLOCK_THREAD_CPUTIME_ID (-EINVAL as a value)", r.Sync("Probe_try_clock_nanosleep", 3, 0, ms, remA), await r.Async(Args(3, 0, ms)));
            r.ExpectSame("a NULL request (-EFAULT as a value)", r.Sync("Probe_try_clock_nanosleep", 1, 0, 0L, remA), await r.Async(Args(1, 0, 0L)));
        },
        ["sleep.sleep_until_ordinary_error_number"] = async r =>
        {
            r.ExpectSame("a deadline long past, CLOCK_MONOTONIC by default", r.Sync("Probe_sleep_until", 0L, 1), await r.Async(("deadlineNanoseconds", 0L)));
            r.ExpectSame("CLOCK_REALTIME, deadline 0", r.Sync("Probe_sleep_until", 0L, 0), await r.Async(("deadlineNanoseconds", 0L), ("clock", 0)));
            r.ExpectSame("CLOCK_THREAD_CPUTIME_ID (EINVAL, returned)", r.Sync("Probe_sleep_until", 0L, 3), await r.Async(("deadlineNanoseconds", 0L), ("clock", 3)));
            long far = r.Sync("Probe_monotonic_now") + 30_000_000_000L;
            await ExpectCancelled(r, "a deadline 30 s ahead", ("deadlineNanoseconds", far));
        },
    };

    /// <summary>Whether the seconds left on a timer armed for 50 s a moment ago are 40 to 49 (1) or not (0).</summary>
    private static long Fresh(long seconds) => seconds is >= 40 and <= 49 ? 1 : 0;

    private static long SecondsLeft(object? itimerspec) => Dig(itimerspec, "it_value", "tv_sec") ?? -1;

    private static Dictionary<string, Func<HeldOutRun, Task>> TimerRuns() => new()
    {
        ["timer.timerfd_settime_class_out"] = async r =>
        {
            int a = Made(r, r.Sync("Probe_timerfd"), "timerfd"), b = Made(r, r.Sync("Probe_timerfd"), "timerfd");
            r.Sync("Probe_arm", a, 50L);
            r.Sync("Probe_arm", b, 50L);
            const string Type = "HeldOut.Waits.ItimerspecObject";
            object old = r.NewObject(Type);
            long sync = r.Sync("Probe_settime_class", a, 0, 0L);
            long syncLeft = TakeWait(r, 0);
            VariantOutcome v = await r.Async(("fd", b), ("flags", 0), ("newValue", r.NewObject(Type)), ("oldValue", old));
            ExpectResult(r, "disarm a timer armed for 50 s", sync, v);
            long left = r.ParameterType("oldValue") is not null ? SecondsLeft(old) : Dig(v.Result, "it_value", "tv_sec") ?? -1;
            r.ExpectSame("the old value written back: 40 to 49 s left", Fresh(syncLeft), Value(Fresh(left)));
            r.ExpectSame("flags 99 (EINVAL)", r.Sync("Probe_settime_class", a, 99, 0L), await r.Async(("fd", b), ("flags", 99), ("newValue", r.NewObject(Type)), ("oldValue", r.NewObject(Type))));
            (int pa, _) = Pipe(r);
            r.ExpectSame("a pipe (EINVAL)", r.Sync("Probe_settime_class", pa, 0, 0L), await r.Async(("fd", pa), ("flags", 0), ("newValue", r.NewObject(Type)), ("oldValue", r.NewObject(Type))));
            r.ExpectBadFd(r.Sync("Probe_settime_class", HeldOutRun.NotAnOpenFd, 0, 0L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("flags", 0), ("newValue", r.NewObject(Type)), ("oldValue", r.NewObject(Type))));
        },
        ["timer.timerfd_settime_nint_libraryimport"] = async r =>
        {
            int a = Made(r, r.Sync("Probe_timerfd"), "timerfd"), b = Made(r, r.Sync("Probe_timerfd"), "timerfd");
            long arm = NativeOf(r, WaitProbeType, "Probe_native", 32);
            r.Sync("Probe_poke", arm, 2, 50L);
            r.ExpectSame("arm for 50 s, no old value (NULL)", r.Sync("Probe_settime_at", a, 0, arm, 0L), await r.Async(("fd", b), ("flags", 0), ("new_value", arm), ("old_value", 0L)));
            long disarm = NativeOf(r, WaitProbeType, "Probe_native", 32);
            long oldA = NativeOf(r, WaitProbeType, "Probe_native", 32), oldB = NativeOf(r, WaitProbeType, "Probe_native", 32);
            r.ExpectSame("disarm, old value into the caller's memory", r.Sync("Probe_settime_at", a, 0, disarm, oldA), await r.Async(("fd", b), ("flags", 0), ("new_value", disarm), ("old_value", oldB)));
            r.ExpectSame("the old value: 40 to 49 s left", Fresh(r.Sync("Probe_peek", oldA, 2)), Value(Fresh(r.Sync("Probe_peek", oldB, 2))));
            r.ExpectSame("a NULL new value (EFAULT)", r.Sync("Probe_settime_at", a, 0, 0L, 0L), await r.Async(("fd", b), ("flags", 0), ("new_value", 0L), ("old_value", 0L)));
            r.ExpectBadFd(r.Sync("Probe_settime_at", HeldOutRun.NotAnOpenFd, 0, disarm, 0L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("flags", 0), ("new_value", disarm), ("old_value", 0L)));
        },
        ["timer.timerfd_gettime_class_out"] = async r =>
        {
            const string Type = "HeldOut.Waits.ItimerspecObject";
            int a = Made(r, r.Sync("Probe_timerfd"), "timerfd"), b = Made(r, r.Sync("Probe_timerfd"), "timerfd");
            r.Sync("Probe_arm", a, 50L);
            r.Sync("Probe_arm", b, 50L);
            object now = r.NewObject(Type);
            long sync = r.Sync("Probe_gettime_class", a);
            long syncLeft = TakeWait(r, 0);
            VariantOutcome v = await r.Async(("fd", b), ("curr_value", now));
            ExpectResult(r, "a timer armed for 50 s", sync, v);
            long left = r.ParameterType("curr_value") is not null ? SecondsLeft(now) : Dig(v.Result, "it_value", "tv_sec") ?? -1;
            r.ExpectSame("the value written: 40 to 49 s left", Fresh(syncLeft), Value(Fresh(left)));
            (int pa, _) = Pipe(r);
            r.ExpectSame("a pipe (EINVAL)", r.Sync("Probe_gettime_class", pa), await r.Async(("fd", pa), ("curr_value", r.NewObject(Type))));
            r.ExpectBadFd(r.Sync("Probe_gettime_class", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("curr_value", r.NewObject(Type))));
        },
        ["timer.instance_rearm_out_previous"] = async r =>
        {
            int a = Made(r, r.Sync("Probe_timerfd"), "timerfd"), b = Made(r, r.Sync("Probe_timerfd"), "timerfd");
            r.Sync("Probe_arm", a, 50L);
            r.Sync("Probe_arm", b, 50L);
            long sync = r.Sync("Probe_rearm", a, 0L, 0L);
            long syncLeft = TakeWait(r, 0);
            VariantOutcome v = await r.AsyncOn(r.NewObject("HeldOut.Waits.IntervalTimer", b), ("valueNanoseconds", 0L), ("intervalNanoseconds", 0L));
            ExpectResult(r, "disarm a timer armed for 50 s", sync, v);
            r.ExpectSame("the previous value: 40 to 49 s left", Fresh(syncLeft), Value(Fresh(Dig(v.Result, "it_value", "tv_sec") ?? -1)));
            (int pa, _) = Pipe(r);
            r.ExpectSame("a pipe (EINVAL)", r.Sync("Probe_rearm", pa, 0L, 0L), await r.AsyncOn(r.NewObject("HeldOut.Waits.IntervalTimer", pa), ("valueNanoseconds", 0L), ("intervalNanoseconds", 0L)));
            r.ExpectBadFd(r.Sync("Probe_rearm", HeldOutRun.NotAnOpenFd, 0L, 0L), await r.AsyncOn(r.NewObject("HeldOut.Waits.IntervalTimer", HeldOutRun.NotAnOpenFd), ("valueNanoseconds", 0L), ("intervalNanoseconds", 0L)));
        },
        ["itimer.getitimer_out"] = async r =>
        {
            // ITIMER_VIRTUAL and ITIMER_PROF: nothing in the test process arms them; reading them changes nothing.
            foreach ((string what, int which) in new[] { ("ITIMER_VIRTUAL", 1), ("ITIMER_PROF", 2) })
            {
                long sync = r.Sync("Probe_getitimer", which);
                long syncSum = TakeWait(r, 0);
                VariantOutcome v = await r.Async(("which", which));
                ExpectResult(r, what, sync, v);
                long? sum = v.Errno is null && v.Other is null ? Dig(v.Result, "it_value", "tv_sec") + Dig(v.Result, "it_value", "tv_usec") + Dig(v.Result, "it_interval", "tv_sec") + Dig(v.Result, "it_interval", "tv_usec") : null;
                r.ExpectSame(what + ": the value written (disarmed: all 0)", syncSum, Value(sum ?? -1));
            }

            r.ExpectSame("which 99 (EINVAL)", r.Sync("Probe_getitimer", 99), await r.Async(("which", 99)));
        },
        ["itimer.setitimer_nint"] = async r =>
        {
            long zero = NativeOf(r, WaitProbeType, "Probe_native", 32);
            long oldA = NativeOf(r, WaitProbeType, "Probe_native", 32), oldB = NativeOf(r, WaitProbeType, "Probe_native", 32);
            // The marker goes into it_interval, never it_value: should a variant pass the old value's memory as the new value,
            // a zero it_value still disarms, where 77 µs there would arm ITIMER_VIRTUAL and SIGVTALRM (default action: terminate)
            // would end the test host with no message.
            r.Sync("Probe_poke", oldA, 1, 77L);
            r.Sync("Probe_poke", oldB, 1, 77L);
            // Disarming a timer nothing armed: no signal is ever sent.
            r.ExpectSame("disarm ITIMER_VIRTUAL, old value into the caller's memory", r.Sync("Probe_setitimer", 1, zero, oldA), await r.Async(("which", 1), ("new_value", zero), ("old_value", oldB)));
            r.ExpectSame("the old value's it_interval.tv_usec (0, where 77 was)", r.Sync("Probe_peek", oldA, 1), Value(r.Sync("Probe_peek", oldB, 1)));
            r.ExpectSame("which 99 (EINVAL)", r.Sync("Probe_setitimer", 99, zero, 0L), await r.Async(("which", 99), ("new_value", zero), ("old_value", 0L)));
            long badUsec = NativeOf(r, WaitProbeType, "Probe_native", 32);
            r.Sync("Probe_poke", badUsec, 3, 2_000_000L);
            r.ExpectSame("it_value.tv_usec of 2e6 (EINVAL)", r.Sync("Probe_setitimer", 2, badUsec, 0L), await r.Async(("which", 2), ("new_value", badUsec), ("old_value", 0L)));
        },
    };

    private static object Pollfds(HeldOutRun r, params (int Fd, short Events)[] entries)
    {
        Array array = r.NewArray("HeldOut.Waits.Pollfd", entries.Length);
        for (int i = 0; i < entries.Length; i++)
        {
            object entry = r.NewObject("HeldOut.Waits.Pollfd");
            SetFields(entry, ("fd", entries[i].Fd), ("events", entries[i].Events));
            array.SetValue(entry, i);
        }

        return array;
    }

    private static string Revents(object array) =>
        string.Join(",", ((Array)array).Cast<object>().Select(e => e.GetType().GetField("revents")!.GetValue(e)));

    private static ulong[] FdSet(params int[] fds)
    {
        var set = new ulong[16];
        foreach (int fd in fds)
        {
            set[fd / 64] |= 1UL << (fd % 64);
        }

        return set;
    }

    private static object EpollEvents(HeldOutRun r, int count) => r.NewArray("HeldOut.Waits.EpollEvent", count);

    private static long FirstData(object events) => (long)(ulong)((Array)events).GetValue(0)!.GetType().GetField("data")!.GetValue(((Array)events).GetValue(0))!;

    private static Dictionary<string, Func<HeldOutRun, Task>> PollRuns() => new()
    {
        ["poll.poll_ref_single"] = async r =>
        {
            (int data, _) = PipeWithData(r);
            (int empty, _) = Pipe(r);
            foreach ((string what, int fd) in new[] { ("a pipe with a byte", data), ("an empty pipe", empty), ("a descriptor not open (POLLNVAL)", HeldOutRun.NotAnOpenFd) })
            {
                object entry = SetFields(r.NewObject("HeldOut.Waits.Pollfd"), ("fd", fd), ("events", (short)PollIn));
                long sync = r.Sync("Probe_poll_ref", fd, (short)PollIn, 0);
                long revents = TakeWait(r, 0);
                VariantOutcome v = await r.Async(("fds", entry), ("nfds", 1L), ("timeout", 0));
                ExpectResult(r, what, sync, v);
                ExpectWritten(r, what + ": revents written back", revents, v, "revents");
            }
        },
        ["poll.poll_inout_array_default_timeout"] = async r =>
        {
            (int data, _) = PipeWithData(r);
            (int empty, int writer) = Pipe(r);
            (int, short)[] entries = { (data, PollIn), (empty, PollIn), (writer, PollOut), (HeldOutRun.NotAnOpenFd, PollIn) };
            object sync = Pollfds(r, entries), variant = Pollfds(r, entries);
            r.ExpectSame("four entries, timeout 0", r.Sync("Probe_poll_all", sync, 4L, 0), await r.Async(("fds", variant), ("nfds", 4L), ("timeout", 0)));
            SameText(r, "each revents written back", Revents(sync), Revents(variant));
            object syncDefault = Pollfds(r, (empty, PollIn)), variantDefault = Pollfds(r, (empty, PollIn));
            r.ExpectSame("an empty pipe with the default timeout (0)", r.Sync("Probe_poll_all", syncDefault, 1L, 0), await r.Async(("fds", variantDefault), ("nfds", 1L)));
        },
        ["poll.ppoll_lparray_inout_stated"] = async r =>
        {
            (int data, _) = PipeWithData(r);
            (int empty, _) = Pipe(r);
            long zero = Timespec(r, 0, 0);
            (int, short)[] entries = { (data, PollIn), (empty, PollIn), (HeldOutRun.NotAnOpenFd, PollIn) };
            object sync = Pollfds(r, entries), variant = Pollfds(r, entries);
            r.ExpectSame("three entries, timeout {0, 0}", r.Sync("Probe_ppoll", sync, 3L, zero), await r.Async(("fds", variant), ("nfds", 3L), ("tmo_p", zero), ("sigmask", 0L)));
            SameText(r, "each revents written back", Revents(sync), Revents(variant));
            long bad = Timespec(r, 0, 2_000_000_000);
            r.ExpectSame("tv_nsec of 2e9 (EINVAL)", r.Sync("Probe_ppoll", Pollfds(r, entries), 3L, bad), await r.Async(("fds", Pollfds(r, entries)), ("nfds", 3L), ("tmo_p", bad), ("sigmask", 0L)));
        },
        ["poll.ordinary_wait_readable_out_revents"] = async r =>
        {
            (int data, _) = PipeWithData(r);
            (int empty, _) = Pipe(r);
            foreach ((string what, int fd) in new[] { ("a pipe with a byte", data), ("an empty pipe, 0 ms", empty), ("a descriptor not open (POLLNVAL)", HeldOutRun.NotAnOpenFd) })
            {
                long sync = r.Sync("Probe_wait_readable", fd, 0);
                long revents = TakeWait(r, 0);
                VariantOutcome v = await r.Async(("fd", fd), ("timeoutMilliseconds", 0));
                ExpectResult(r, what, sync, v);
                ExpectWritten(r, what + ": revents", revents, v, "revents");
            }
        },
        ["poll.select_ulong_arrays_nullable"] = async r =>
        {
            (int data, _) = PipeWithData(r);
            (int empty, int writer) = Pipe(r);
            if (new[] { data, empty, writer }.Max() >= 1024)
            {
                r.Row.Runs.Add("not run: a descriptor at 1024 or above does not fit an fd_set");
                return;
            }

            int nfds = new[] { data, empty, writer }.Max() + 1;
            long zero = Timespec(r, 0, 0), zeroB = Timespec(r, 0, 0);
            ulong[] readSync = FdSet(data, empty), readVariant = FdSet(data, empty), writeSync = FdSet(writer), writeVariant = FdSet(writer);
            r.ExpectSame("read {data, empty}, write {writer}, timeout {0, 0}", r.Sync("Probe_select", nfds, readSync, writeSync, zero), await r.Async(("nfds", nfds), ("readfds", readVariant), ("writefds", writeVariant), ("exceptfds", null), ("timeout", zeroB)));
            r.ExpectBytes("readfds overwritten with the ready set", readSync.SelectMany(BitConverter.GetBytes).ToArray(), readVariant.SelectMany(BitConverter.GetBytes).ToArray());
            r.ExpectBytes("writefds overwritten with the ready set", writeSync.SelectMany(BitConverter.GetBytes).ToArray(), writeVariant.SelectMany(BitConverter.GetBytes).ToArray());
            ulong[] onlyEmptySync = FdSet(empty), onlyEmptyVariant = FdSet(empty);
            r.ExpectSame("read {empty} only, writefds NULL: nothing ready", r.Sync("Probe_select", nfds, onlyEmptySync, null, zero), await r.Async(("nfds", nfds), ("readfds", onlyEmptyVariant), ("writefds", null), ("exceptfds", null), ("timeout", zeroB)));
            r.ExpectBytes("readfds cleared", onlyEmptySync.SelectMany(BitConverter.GetBytes).ToArray(), onlyEmptyVariant.SelectMany(BitConverter.GetBytes).ToArray());
            r.ExpectSame("nfds -1 (EINVAL)", r.Sync("Probe_select", -1, FdSet(data), null, zero), await r.Async(("nfds", -1), ("readfds", FdSet(data)), ("writefds", null), ("exceptfds", null), ("timeout", zeroB)));
        },
        ["poll.select_ref_timeval"] = async r =>
        {
            (int data, _) = PipeWithData(r);
            if (data >= 1024)
            {
                r.Row.Runs.Add("not run: a descriptor at 1024 or above does not fit an fd_set");
                return;
            }

            ulong[] readSync = FdSet(data), readVariant = FdSet(data);
            long sync = r.Sync("Probe_select_ref", data + 1, readSync, 500_000L);
            long syncLeft = TakeWait(r, 0);
            object timeout = SetFields(r.NewObject("HeldOut.Waits.Timeval"), ("tv_usec", 500_000L));
            VariantOutcome v = await r.Async(("nfds", data + 1), ("readfds", readVariant), ("writefds", 0L), ("exceptfds", 0L), ("timeout", timeout));
            ExpectResult(r, "a pipe with a byte, timeout 0.5 s", sync, v);
            r.ExpectBytes("readfds", readSync.SelectMany(BitConverter.GetBytes).ToArray(), readVariant.SelectMany(BitConverter.GetBytes).ToArray());
            long? left = Dig(v.Result, "timeout", "tv_usec") ?? Dig(v.Result, "tv_usec");
            r.ExpectSame("the time not slept written back (more than 0.4 s of 0.5 s)", syncLeft > 400_000 ? 1 : 0, Value(left > 400_000 ? 1 : 0));
        },
        ["epoll.epoll_wait_pointer_safehandle_libraryimport"] = async r =>
        {
            (int da, _) = PipeWithData(r);
            (int db, _) = PipeWithData(r);
            int a = Made(r, r.Sync("Probe_epoll", da, 42L), "epoll"), b = Made(r, r.Sync("Probe_epoll", db, 42L), "epoll");
            object events = EpollEvents(r, 4);
            long sync = r.Sync("Probe_epoll_wait", a, 4);
            long data = TakeWait(r, 0);
            r.ExpectSame("a pipe with a byte", sync, await r.Async(("epfd", b), ("events", events), ("maxevents", 4), ("timeout", 0)));
            r.ExpectSame("its data (42) written into the events", data, Value(FirstData(events)));
            int ea = Made(r, r.Sync("Probe_epoll", -1, 0L), "epoll"), eb = Made(r, r.Sync("Probe_epoll", -1, 0L), "epoll");
            r.ExpectSame("nothing watched, timeout 0", r.Sync("Probe_epoll_wait", ea, 4), await r.Async(("epfd", eb), ("events", EpollEvents(r, 4)), ("maxevents", 4), ("timeout", 0)));
            r.ExpectSame("maxevents 0 (EINVAL)", r.Sync("Probe_epoll_wait", ea, 0), await r.Async(("epfd", eb), ("events", EpollEvents(r, 0)), ("maxevents", 0), ("timeout", 0)));
            r.ExpectBadFd(r.Sync("Probe_epoll_wait", HeldOutRun.NotAnOpenFd, 4), await r.Async(("epfd", HeldOutRun.NotAnOpenFd), ("events", EpollEvents(r, 4)), ("maxevents", 4), ("timeout", 0)));
        },
        ["epoll.epoll_pwait_lparray_nullable_sigmask"] = async r =>
        {
            (int da, _) = PipeWithData(r);
            (int db, _) = PipeWithData(r);
            int a = Made(r, r.Sync("Probe_epoll", da, 7L), "epoll"), b = Made(r, r.Sync("Probe_epoll", db, 7L), "epoll");
            object events = EpollEvents(r, 2);
            long sync = r.Sync("Probe_epoll_pwait", a, 2);
            long data = TakeWait(r, 0);
            r.ExpectSame("a pipe with a byte, no signal mask", sync, await r.Async(("epfd", b), ("events", events), ("maxevents", 2), ("timeout", 0), ("sigmask", null)));
            r.ExpectSame("its data (7)", data, Value(FirstData(events)));
            r.ExpectBadFd(r.Sync("Probe_epoll_pwait", HeldOutRun.NotAnOpenFd, 2), await r.Async(("epfd", HeldOutRun.NotAnOpenFd), ("events", EpollEvents(r, 2)), ("maxevents", 2), ("timeout", 0), ("sigmask", null)));
        },
        ["epoll.instance_wait_one_out"] = async r =>
        {
            (int da, _) = PipeWithData(r);
            (int db, _) = PipeWithData(r);
            int a = Made(r, r.Sync("Probe_epoll", da, 9L), "epoll"), b = Made(r, r.Sync("Probe_epoll", db, 9L), "epoll");
            long sync = r.Sync("Probe_wait_one", a, 0);
            long data = TakeWait(r, 0);
            VariantOutcome v = await r.AsyncOn(r.NewObject("HeldOut.Waits.EventLoop", b), ("timeoutMilliseconds", 0));
            ExpectResult(r, "a pipe with a byte", sync, v);
            ExpectWritten(r, "the ready event's data (9)", data, v, "data");
            int ea = Made(r, r.Sync("Probe_epoll", -1, 0L), "epoll"), eb = Made(r, r.Sync("Probe_epoll", -1, 0L), "epoll");
            ExpectResult(r, "nothing watched, 0 ms", r.Sync("Probe_wait_one", ea, 0), await r.AsyncOn(r.NewObject("HeldOut.Waits.EventLoop", eb), ("timeoutMilliseconds", 0)));
            r.ExpectBadFd(r.Sync("Probe_wait_one", HeldOutRun.NotAnOpenFd, 0), await r.AsyncOn(r.NewObject("HeldOut.Waits.EventLoop", HeldOutRun.NotAnOpenFd), ("timeoutMilliseconds", 0)));
        },
        ["futex.syscall_nint_stated"] = async r =>
        {
            long wordA = NativeOf(r, WaitProbeType, "Probe_native", 8), wordB = NativeOf(r, WaitProbeType, "Probe_native", 8);
            r.Sync("Probe_poke_int", wordA, 0, 5);
            r.Sync("Probe_poke_int", wordB, 0, 5);
            (string, object?)[] Args(long word, int op, int val, long timeout) => new (string, object?)[] { ("number", 202L), ("uaddr", word), ("futex_op", op), ("val", val), ("timeout", timeout), ("uaddr2", 0L), ("val3", 0) };
            r.ExpectSame("FUTEX_WAIT for 4 on a word holding 5 (EAGAIN)", r.Sync("Probe_futex", wordA, FutexWaitPrivate, 4, 0L), await r.Async(Args(wordB, FutexWaitPrivate, 4, 0)));
            long ms = Timespec(r, 0, 1_000_000);
            r.ExpectSame("FUTEX_WAIT for 5, 1 ms (ETIMEDOUT)", r.Sync("Probe_futex", wordA, FutexWaitPrivate, 5, ms), await r.Async(Args(wordB, FutexWaitPrivate, 5, ms)));
            r.ExpectSame("FUTEX_WAKE with no waiter (0)", r.Sync("Probe_futex", wordA, FutexWakePrivate, 1, 0L), await r.Async(Args(wordB, FutexWakePrivate, 1, 0)));
            r.ExpectSame("an unknown operation (ENOSYS)", r.Sync("Probe_futex", wordA, 99, 0, 0L), await r.Async(Args(wordB, 99, 0, 0)));
            r.ExpectSame("a NULL word (EFAULT)", r.Sync("Probe_futex", 0L, FutexWaitPrivate, 5, ms), await r.Async(Args(0, FutexWaitPrivate, 5, ms)));
        },
        ["sig.sigtimedwait_array_out_nint"] = async r =>
        {
            ulong[] set = { 1UL << (SigUsr2 - 1), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
            long zero = Timespec(r, 0, 0);
            r.ExpectSame("SIGUSR2, nothing pending, timeout {0, 0} (EAGAIN)", r.Sync("Probe_sigtimedwait", set, zero), await r.Async(("set", set), ("timeout", zero)));
            long bad = Timespec(r, 0, 2_000_000_000);
            r.ExpectSame("tv_nsec of 2e9 (EINVAL)", r.Sync("Probe_sigtimedwait", set, bad), await r.Async(("set", set), ("timeout", bad)));
        },
        ["sig.signalfd_array_stated"] = async r =>
        {
            ulong[] mask = { 1UL << (SigUsr2 - 1), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
            ExpectNewDescriptor(r, "a new non-blocking signalfd for SIGUSR2", r.Sync("Probe_signalfd", -1, mask, 0x800 | 0x80000), await r.Async(("fd", -1), ("mask", mask), ("flags", 0x800 | 0x80000)), LinkOf);
            r.ExpectSame("unknown flags (EINVAL)", r.Sync("Probe_signalfd", -1, mask, 1), await r.Async(("fd", -1), ("mask", mask), ("flags", 1)));
            (int pa, _) = Pipe(r);
            r.ExpectSame("a pipe in place of a signalfd (EINVAL)", r.Sync("Probe_signalfd", pa, mask, 0), await r.Async(("fd", pa), ("mask", mask), ("flags", 0)));
            r.ExpectBadFd(r.Sync("Probe_signalfd", HeldOutRun.NotAnOpenFd, mask, 0), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("mask", mask), ("flags", 0)));
        },
    };

    /// <summary>A source file holding Content and an empty destination, opened read-write: (source, destination, destination path).</summary>
    private static (int Source, int Destination, string DestinationPath) CopyFiles(HeldOutRun r, string name)
    {
        int source = r.OpenFile(name + "-src", Content);
        int destination = r.OpenFile(name + "-dst", Array.Empty<byte>());
        return (source, destination, Path.Combine(r.Directory, name + "-dst"));
    }

    private static Microsoft.Win32.SafeHandles.SafeFileHandle Unowned(int fd) => new((IntPtr)fd, ownsHandle: false);

    private static Dictionary<string, Func<HeldOutRun, Task>> OffsetRuns() => new()
    {
        ["off.sendfile_libraryimport_ref_long_safehandles"] = async r =>
        {
            (int sa, int da, string pa) = CopyFiles(r, "sf-li-a");
            (int sb, int db, string pb) = CopyFiles(r, "sf-li-b");
            long sync = r.Sync("Probe_sendfile", da, sa, 3L, 10L);
            long offset = TakeInOut(r, 0);
            VariantOutcome v = await r.Async(("out_fd", db), ("in_fd", sb), ("offset", 3L), ("count", 10L));
            ExpectResult(r, "10 bytes from offset 3", sync, v);
            ExpectWritten(r, "the offset advanced (13)", offset, v, "offset");
            r.ExpectBytes("the bytes copied", File.ReadAllBytes(pa), File.ReadAllBytes(pb));
            r.ExpectSame("the source's file position (unchanged)", r.Sync("Probe_position", sa), Value(r.Sync("Probe_position", sb)));
            r.ExpectSame("a negative offset (EINVAL)", r.Sync("Probe_sendfile", da, sa, -1L, 10L), await r.Async(("out_fd", db), ("in_fd", sb), ("offset", -1L), ("count", 10L)));
            r.ExpectBadFd(r.Sync("Probe_sendfile", HeldOutRun.NotAnOpenFd, sa, 0L, 10L), await r.Async(("out_fd", HeldOutRun.NotAnOpenFd), ("in_fd", sb), ("offset", 0L), ("count", 10L)));
        },
        ["off.sendfile_span_offset"] = async r =>
        {
            (int sa, int da, string pa) = CopyFiles(r, "sf-span-a");
            (int sb, int db, string pb) = CopyFiles(r, "sf-span-b");
            long[] cellA = { 5 }, cellB = { 5 };
            VariantOutcome v = await r.Async(("out_fd", db), ("in_fd", sb), ("offset", cellB), ("count", 8L));
            ExpectResult(r, "8 bytes from offset 5", r.Sync("Probe_sendfile_span", da, sa, cellA, 8L), v);
            long written = Dig(v.Result, "offset") ?? cellB[0];
            r.ExpectSame("the offset advanced (13)", cellA[0], Value(written));
            r.ExpectBytes("the bytes copied", File.ReadAllBytes(pa), File.ReadAllBytes(pb));
        },
        ["off.copy_file_range_nullable_arrays"] = async r =>
        {
            (int sa, int da, string pa) = CopyFiles(r, "cfr-arr-a");
            (int sb, int db, string pb) = CopyFiles(r, "cfr-arr-b");
            long[] inA = { 2 }, outA = { 0 }, inB = { 2 }, outB = { 0 };
            VariantOutcome v = await r.Async(("fd_in", sb), ("off_in", inB), ("fd_out", db), ("off_out", outB), ("len", 10L), ("flags", 0u));
            ExpectResult(r, "10 bytes from 2 to 0", r.Sync("Probe_copy_arrays", sa, inA, da, outA, 10L), v);
            r.ExpectSame("off_in advanced (12)", inA[0], Value(Dig(v.Result, "off_in") ?? inB[0]));
            r.ExpectSame("off_out advanced (10)", outA[0], Value(Dig(v.Result, "off_out") ?? outB[0]));
            r.ExpectBytes("the bytes copied", File.ReadAllBytes(pa), File.ReadAllBytes(pb));
            r.ExpectSame("NULL offsets: the file positions", r.Sync("Probe_copy_arrays", sa, null, da, null, 6L), await r.Async(("fd_in", sb), ("off_in", null), ("fd_out", db), ("off_out", null), ("len", 6L), ("flags", 0u)));
            r.ExpectSame("the source's position after (6)", r.Sync("Probe_position", sa), Value(r.Sync("Probe_position", sb)));
            r.ExpectBytes("the bytes after", File.ReadAllBytes(pa), File.ReadAllBytes(pb));
        },
        ["off.copy_range_ordinary_ref_offsets"] = async r =>
        {
            (int sa, int da, string pa) = CopyFiles(r, "cfr-ord-a");
            (int sb, int db, string pb) = CopyFiles(r, "cfr-ord-b");
            long sync = r.Sync("Probe_copy_range", sa, 4L, da, 1L, 9L);
            long inAfter = TakeInOut(r, 0), outAfter = TakeInOut(r, 1);
            VariantOutcome v = await r.Async(("source", Unowned(sb)), ("sourceOffset", 4L), ("destination", Unowned(db)), ("destinationOffset", 1L), ("length", 9L));
            ExpectResult(r, "9 bytes from 4 to 1", sync, v);
            ExpectWritten(r, "sourceOffset advanced (13)", inAfter, v, "sourceOffset");
            ExpectWritten(r, "destinationOffset advanced (10)", outAfter, v, "destinationOffset");
            r.ExpectBytes("the bytes copied", File.ReadAllBytes(pa), File.ReadAllBytes(pb));
        },
        ["off.file_copier_instance_position"] = async r =>
        {
            (int sa, int da, string pa) = CopyFiles(r, "copier-a");
            (int sb, int db, string pb) = CopyFiles(r, "copier-b");
            long sync = r.Sync("Probe_copier", sa, da, 5L, 10L);
            long position = TakeInOut(r, 0);
            object copier = r.NewObject("HeldOut.InOut.FileCopier", sb, db);
            copier.GetType().GetProperty("Position")!.SetValue(copier, 5L);
            r.ExpectSame("10 bytes from position 5", sync, await r.AsyncOn(copier, ("count", 10L)));
            r.ExpectSame("the object's position after (15)", position, Value((long)copier.GetType().GetProperty("Position")!.GetValue(copier)!));
            r.ExpectBytes("the bytes copied", File.ReadAllBytes(pa), File.ReadAllBytes(pb));
            r.ExpectBadFd(r.Sync("Probe_copier", HeldOutRun.NotAnOpenFd, da, 0L, 10L), await r.AsyncOn(r.NewObject("HeldOut.InOut.FileCopier", HeldOutRun.NotAnOpenFd, db), ("count", 10L)));
        },
        ["off.sendfile64_position_named_ref"] = async r =>
        {
            (int sa, int da, string pa) = CopyFiles(r, "sf64-a");
            (int sb, int db, string pb) = CopyFiles(r, "sf64-b");
            long sync = r.Sync("Probe_sendfile64", da, sa, 7L, 20L);
            long position = TakeInOut(r, 0);
            VariantOutcome v = await r.Async(("destination", db), ("source", sb), ("position", 7L), ("length", 20L));
            ExpectResult(r, "20 bytes from position 7", sync, v);
            ExpectWritten(r, "the position advanced (27)", position, v, "position");
            r.ExpectBytes("the bytes copied", File.ReadAllBytes(pa), File.ReadAllBytes(pb));
            r.ExpectSame("past the end: 0 bytes", r.Sync("Probe_sendfile64", da, sa, 1000L, 20L), await r.Async(("destination", db), ("source", sb), ("position", 1000L), ("length", 20L)));
        },
        ["off.splice_ref_long_libraryimport_default_flags"] = async r =>
        {
            int fa = r.OpenFile("splice-ref-a", Content), fb = r.OpenFile("splice-ref-b", Content);
            (int ra, int wa) = Pipe(r);
            (int rb, int wb) = Pipe(r);
            long sync = r.Sync("Probe_splice", fa, 4L, wa, 10L);
            long offset = TakeInOut(r, 0);
            VariantOutcome v = await r.Async(("fd_in", fb), ("off_in", 4L), ("fd_out", wb), ("off_out", 0L), ("len", 10L));
            ExpectResult(r, "10 bytes of a file from 4 into a pipe", sync, v);
            ExpectWritten(r, "off_in advanced (14)", offset, v, "off_in");
            byte[] bytesA = new byte[64], bytesB = new byte[64];
            r.ExpectSame("the bytes in the pipe", r.Sync("Probe_read_all", ra, bytesA), Value(r.Sync("Probe_read_all", rb, bytesB)));
            r.ExpectBytes("the bytes in the pipe", bytesA, bytesB);
            r.ExpectSame("a negative offset (EINVAL)", r.Sync("Probe_splice", fa, -1L, wa, 10L), await r.Async(("fd_in", fb), ("off_in", -1L), ("fd_out", wb), ("off_out", 0L), ("len", 10L)));
        },
    };

    private static string SecondOpenOf(HeldOutRun r, string name, out int fd)
    {
        string path = Path.Combine(r.Directory, name);
        fd = Made(r, r.Sync("Probe_open_rw", path), "open " + name);
        return path;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> LockRuns() => new()
    {
        ["lock.fcntl_getlk_ref_flock"] = async r =>
        {
            int a = r.OpenFile("getlk-ref-a", Content), b = r.OpenFile("getlk-ref-b", Content);
            SecondOpenOf(r, "getlk-ref-a", out int holderA);
            SecondOpenOf(r, "getlk-ref-b", out int holderB);
            r.Sync("Probe_ofd_lock", holderA, ReadLock, 0L, 100L);
            r.Sync("Probe_ofd_lock", holderB, ReadLock, 0L, 100L);
            object Query(short type, long start, int pid) => SetFields(r.NewObject("HeldOut.InOut.Flock"), ("l_type", type), ("l_start", start), ("l_len", 100L), ("l_pid", pid));
            foreach ((string what, short type, long start) in new[] { ("a write lock over a read-locked range: the holder's read lock", WriteLock, 0L), ("a read lock over it: no conflict (F_UNLCK)", ReadLock, 0L), ("a write lock past it: no conflict (F_UNLCK)", WriteLock, 200L) })
            {
                long sync = r.Sync("Probe_getlk_ref", a, OfdGetLk, type, start, 100L, 0);
                long syncType = TakeInOut(r, 0), syncPid = TakeInOut(r, 1), syncStart = TakeInOut(r, 2);
                VariantOutcome v = await r.Async(("fd", b), ("cmd", OfdGetLk), ("lock", Query(type, start, 0)));
                ExpectResult(r, what, sync, v);
                ExpectWritten(r, what + ": l_type written back", syncType, v, "l_type");
                ExpectWritten(r, what + ": l_pid written back", syncPid, v, "l_pid");
                ExpectWritten(r, what + ": l_start", syncStart, v, "l_start");
            }

            r.ExpectSame("l_pid 5 on input (EINVAL: F_OFD_GETLK reads it)", r.Sync("Probe_getlk_ref", a, OfdGetLk, WriteLock, 0L, 100L, 5), await r.Async(("fd", b), ("cmd", OfdGetLk), ("lock", Query(WriteLock, 0, 5))));
            r.ExpectBadFd(r.Sync("Probe_getlk_ref", HeldOutRun.NotAnOpenFd, OfdGetLk, WriteLock, 0L, 100L, 0), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("cmd", OfdGetLk), ("lock", Query(WriteLock, 0, 0))));
        },
        ["lock.fcntl_setlkw_ref_libraryimport"] = async r =>
        {
            object Lock(long start) => SetFields(r.NewObject("HeldOut.InOut.Flock"), ("l_type", WriteLock), ("l_start", start), ("l_len", 100L));
            int a = r.OpenFile("setlkw-ref-a", Content), b = r.OpenFile("setlkw-ref-b", Content);
            r.ExpectSame("a write lock over a free range", r.Sync("Probe_setlkw_ref", a, WriteLock, 0L, 100L), await r.Async(("fd", b), ("cmd", OfdSetLkW), ("lock", Lock(0))));
            r.ExpectSame("a negative start (EINVAL)", r.Sync("Probe_setlkw_ref", a, WriteLock, -1L, 100L), await r.Async(("fd", b), ("cmd", OfdSetLkW), ("lock", Lock(-1))));
            SecondOpenOf(r, "setlkw-ref-b", out int otherB);
            await ExpectCancelled(r, "the range held through another open file", ("fd", otherB), ("cmd", OfdSetLkW), ("lock", Lock(0)));
        },
        ["lock.fcntl_ofd_getlk_nint_arg"] = async r =>
        {
            int a = r.OpenFile("getlk-nint-a", Content), b = r.OpenFile("getlk-nint-b", Content);
            long la = NativeOf(r, InOutProbeType, "Probe_native_flock", WriteLock, 0L, 100L, 0), lb = NativeOf(r, InOutProbeType, "Probe_native_flock", WriteLock, 0L, 100L, 0);
            r.ExpectSame("F_OFD_GETLK of a free file", r.Sync("Probe_fcntl_address", a, OfdGetLk, la), await r.Async(("fd", b), ("cmd", OfdGetLk), ("arg", lb)));
            r.ExpectSame("l_type written into the caller's memory (F_UNLCK)", r.Sync("Probe_flock_type", la), Value(r.Sync("Probe_flock_type", lb)));
            SecondOpenOf(r, "getlk-nint-a", out int holderA);
            SecondOpenOf(r, "getlk-nint-b", out int holderB);
            r.Sync("Probe_ofd_lock", holderA, ReadLock, 0L, 100L);
            r.Sync("Probe_ofd_lock", holderB, ReadLock, 0L, 100L);
            long qa = NativeOf(r, InOutProbeType, "Probe_native_flock", WriteLock, 0L, 100L, 0), qb = NativeOf(r, InOutProbeType, "Probe_native_flock", WriteLock, 0L, 100L, 0);
            r.ExpectSame("held for reading through another open file", r.Sync("Probe_fcntl_address", a, OfdGetLk, qa), await r.Async(("fd", b), ("cmd", OfdGetLk), ("arg", qb)));
            r.ExpectSame("l_type written (F_RDLCK)", r.Sync("Probe_flock_type", qa), Value(r.Sync("Probe_flock_type", qb)));
            r.ExpectSame("l_pid written (-1)", r.Sync("Probe_flock_pid", qa), Value(r.Sync("Probe_flock_pid", qb)));
        },
        ["lock.lock_owner_ordinary_minus_one_pid"] = async r =>
        {
            int a = r.OpenFile("owner-a", Content), b = r.OpenFile("owner-b", Content);
            r.ExpectSame("a free file: 0", r.Sync("Probe_lock_owner", a, 0L, 100L), await r.Async(("fd", b), ("start", 0L), ("length", 100L)));
            SecondOpenOf(r, "owner-a", out int holderA);
            SecondOpenOf(r, "owner-b", out int holderB);
            r.Sync("Probe_ofd_lock", holderA, WriteLock, 0L, 100L);
            r.Sync("Probe_ofd_lock", holderB, WriteLock, 0L, 100L);
            r.ExpectSame("held through another open file description: l_pid -1, errno untouched", r.Sync("Probe_lock_owner", a, 0L, 100L), await r.Async(("fd", b), ("start", 0L), ("length", 100L)));
            r.ExpectBadFd(r.Sync("Probe_lock_owner", HeldOutRun.NotAnOpenFd, 0L, 100L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("start", 0L), ("length", 100L)));
        },
        ["lock.locked_file_instance_setlkw"] = async r =>
        {
            int a = r.OpenFile("locked-a", Content), b = r.OpenFile("locked-b", Content);
            r.ExpectSame("a free range", r.Sync("Probe_locked_file", a, 0L, 100L), await r.AsyncOn(r.NewObject("HeldOut.InOut.LockedFile", Unowned(b)), ("start", 0L), ("length", 100L)));
            r.ExpectSame("a negative length past the start (EINVAL)", r.Sync("Probe_locked_file", a, 0L, -10L), await r.AsyncOn(r.NewObject("HeldOut.InOut.LockedFile", Unowned(b)), ("start", 0L), ("length", -10L)));
            SecondOpenOf(r, "locked-b", out int otherB);
            await ExpectCancelledOn(r, r.NewObject("HeldOut.InOut.LockedFile", Unowned(otherB)), "the range held through another open file", ("start", 0L), ("length", 100L));
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> ChildRuns() => new()
    {
        ["proc.wait4_out_status_out_rusage"] = r => Wait4Run(r, "Probe_wait4"),
        ["proc.wait4_outputvalue_libraryimport"] = r => Wait4Run(r, "Probe_wait4_marked"),
        ["proc.waitpid_ref_status"] = async r =>
        {
            int c1 = Child(r, InOutProbeType, "/bin/true"), c2 = Child(r, InOutProbeType, "/bin/true");
            long sync = r.Sync("Probe_waitpid_ref", c1, 0);
            long status = TakeInOut(r, 0);
            VariantOutcome v = await r.Async(("pid", c2), ("status", 0), ("options", 0));
            r.ExpectSame("the child's pid comes back", sync == c1 ? 1 : 0, Value(CallResultOf(r, v) == c2 ? 1 : 0));
            ExpectWritten(r, "its status (0)", status, v, "status");
            r.ExpectSame("the reaped child again (ECHILD)", r.Sync("Probe_waitpid_ref", c1, 0), await r.Async(("pid", c2), ("status", 0), ("options", 0)));
        },
        ["proc.waitpid_out_default_nohang"] = async r =>
        {
            int c1 = Child(r, InOutProbeType, "/bin/sleep", "30"), c2 = Child(r, InOutProbeType, "/bin/sleep", "30");
            ExpectResult(r, "a running child, WNOHANG by default: 0", r.Sync("Probe_waitpid", c1, 1), await r.Async(("pid", c2)));
            r.Sync("Probe_kill", c1, SigKill);
            r.Sync("Probe_kill", c2, SigKill);
            long sync = r.Sync("Probe_waitpid", c1, 0);
            long status = TakeInOut(r, 0);
            VariantOutcome v = await r.Async(("pid", c2), ("options", 0));
            r.ExpectSame("killed, waited for: the child's pid comes back", sync == c1 ? 1 : 0, Value(CallResultOf(r, v) == c2 ? 1 : 0));
            ExpectWritten(r, "its status (killed by SIGKILL: 9)", status, v, "status");
            r.ExpectSame("no such child (ECHILD)", r.Sync("Probe_waitpid", NoSuchPid, 0), await r.Async(("pid", NoSuchPid), ("options", 0)));
        },
        ["proc.wait_exit_ordinary_cancel_hook"] = async r =>
        {
            int c1 = Child(r, InOutProbeType, "/bin/true"), c2 = Child(r, InOutProbeType, "/bin/true");
            long sync = r.Sync("Probe_wait_exit", c1);
            long status = TakeInOut(r, 0), rss = TakeInOut(r, 1);
            VariantOutcome v = await r.Async(("pid", c2));
            r.ExpectSame("the child's pid comes back", sync == c1 ? 1 : 0, Value(CallResultOf(r, v) == c2 ? 1 : 0));
            ExpectWritten(r, "its exit status (0)", status, v, "exitStatus");
            r.ExpectSame("its rusage written (ru_maxrss > 0)", rss, Value(Dig(v.Result, "ru_maxrss") > 0 ? 1 : 0));
            int sleeper = Child(r, InOutProbeType, "/bin/sleep", "30");
            await ExpectCancelled(r, "a child sleeping 30 s", ("pid", sleeper));
            r.ExpectSame("no such child (ECHILD)", r.Sync("Probe_wait_exit", NoSuchPid), await r.Async(("pid", NoSuchPid)));
        },
        ["proc.waitid_pidfd_ref_siginfo"] = async r =>
        {
            int c1 = Child(r, InOutProbeType, "/bin/true"), c2 = Child(r, InOutProbeType, "/bin/true");
            int p1 = Made(r, r.Sync("Probe_pidfd_open_raw", c1), "pidfd_open"), p2 = Made(r, r.Sync("Probe_pidfd_open_raw", c2), "pidfd_open");
            long sync = r.Sync("Probe_waitid_ref", p1, WExited);
            long pid = TakeInOut(r, 0), status = TakeInOut(r, 1), code = TakeInOut(r, 2);
            VariantOutcome v = await r.Async(("idtype", 3), ("id", (uint)p2), ("infop", r.NewObject("HeldOut.InOut.Siginfo")), ("options", WExited));
            ExpectResult(r, "the child's exit by its pidfd", sync, v);
            r.ExpectSame("si_pid is the child's", pid == c1 ? 1 : 0, Value(Dig(v.Result, "si_pid") == c2 ? 1 : 0));
            ExpectWritten(r, "si_status (0)", status, v, "si_status");
            ExpectWritten(r, "si_code (CLD_EXITED)", code, v, "si_code");
            r.ExpectSame("again (ECHILD)", r.Sync("Probe_waitid_ref", p1, WExited), await r.Async(("idtype", 3), ("id", (uint)p2), ("infop", r.NewObject("HeldOut.InOut.Siginfo")), ("options", WExited)));
        },
        ["proc.pidfd_open_glibc_safehandle"] = async r =>
        {
            int self = Environment.ProcessId;
            ExpectNewDescriptor(r, "this process", r.Sync("Probe_pidfd_open", self, 0u), await r.Async(("pid", self), ("flags", 0u)), fd => "pid " + PidOfDescriptor(fd));
            ExpectNewDescriptor(r, "no such process (ESRCH)", r.Sync("Probe_pidfd_open", NoSuchPid, 0u), await r.Async(("pid", NoSuchPid), ("flags", 0u)), fd => "pid " + PidOfDescriptor(fd));
            ExpectNewDescriptor(r, "unknown flags (EINVAL)", r.Sync("Probe_pidfd_open", self, 1u), await r.Async(("pid", self), ("flags", 1u)), fd => "pid " + PidOfDescriptor(fd));
        },
        ["proc.pidfd_send_signal_libraryimport_syscall"] = async r =>
        {
            int c1 = Child(r, InOutProbeType, "/bin/sleep", "30"), c2 = Child(r, InOutProbeType, "/bin/sleep", "30");
            int p1 = Made(r, r.Sync("Probe_pidfd_open_raw", c1), "pidfd_open"), p2 = Made(r, r.Sync("Probe_pidfd_open_raw", c2), "pidfd_open");
            (string, object?)[] Args(int pidfd, int sig, uint flags) => new (string, object?)[] { ("number", 424L), ("pidfd", pidfd), ("sig", sig), ("info", 0L), ("flags", flags) };
            r.ExpectSame("signal 0 to a running child", r.Sync("Probe_pidfd_send_signal", p1, 0, 0u), await r.Async(Args(p2, 0, 0)));
            r.ExpectSame("unknown flags (EINVAL)", r.Sync("Probe_pidfd_send_signal", p1, 0, 1u), await r.Async(Args(p2, 0, 1)));
            r.ExpectSame("SIGKILL", r.Sync("Probe_pidfd_send_signal", p1, SigKill, 0u), await r.Async(Args(p2, SigKill, 0)));
            r.ExpectSame("the wait status after (killed by SIGKILL: 9)", Reap(r, InOutProbeType, c1), Value(Reap(r, InOutProbeType, c2)));
            r.ExpectSame("to the reaped child (ESRCH)", r.Sync("Probe_pidfd_send_signal", p1, 0, 0u), await r.Async(Args(p2, 0, 0)));
        },
        ["proc.pidfd_getfd_glibc"] = async r =>
        {
            int a = Made(r, r.Sync("Probe_pidfd_open_raw", Environment.ProcessId), "pidfd_open"), b = Made(r, r.Sync("Probe_pidfd_open_raw", Environment.ProcessId), "pidfd_open");
            int ta = r.OpenFile("getfd14-a", Content), tb = r.OpenFile("getfd14-b", Content);
            string fileA = LinkOf(ta), fileB = LinkOf(tb);
            ExpectNewDescriptor(r, "a copy of this process's descriptor", r.Sync("Probe_pidfd_getfd", a, ta, 0u), await r.Async(("pidfd", b), ("targetfd", tb), ("flags", 0u)),
                fd => LinkOf(fd) == fileA || LinkOf(fd) == fileB ? "the target" : LinkOf(fd));
            ExpectNewDescriptor(r, "a target not open (EBADF)", r.Sync("Probe_pidfd_getfd", a, HeldOutRun.NotAnOpenFd, 0u), await r.Async(("pidfd", b), ("targetfd", HeldOutRun.NotAnOpenFd), ("flags", 0u)), LinkOf);
            ExpectNewDescriptor(r, "unknown flags (EINVAL)", r.Sync("Probe_pidfd_getfd", a, ta, 1u), await r.Async(("pidfd", b), ("targetfd", tb), ("flags", 1u)), LinkOf);
        },
        ["proc.child_instance_signal"] = async r =>
        {
            int c1 = Child(r, InOutProbeType, "/bin/sleep", "30"), c2 = Child(r, InOutProbeType, "/bin/sleep", "30");
            int p1 = Made(r, r.Sync("Probe_pidfd_open_raw", c1), "pidfd_open"), p2 = Made(r, r.Sync("Probe_pidfd_open_raw", c2), "pidfd_open");
            object child = r.NewObject("HeldOut.InOut.ChildProcess", p2);
            r.ExpectSame("signal 0", r.Sync("Probe_child_signal", p1, 0), await r.AsyncOn(child, ("signal", 0)));
            r.ExpectSame("signal 999 (EINVAL)", r.Sync("Probe_child_signal", p1, 999), await r.AsyncOn(child, ("signal", 999)));
            r.ExpectSame("SIGKILL", r.Sync("Probe_child_signal", p1, SigKill), await r.AsyncOn(child, ("signal", SigKill)));
            r.ExpectSame("the wait status after (9)", Reap(r, InOutProbeType, c1), Value(Reap(r, InOutProbeType, c2)));
            r.ExpectBadFd(r.Sync("Probe_child_signal", HeldOutRun.NotAnOpenFd, 0), await r.AsyncOn(r.NewObject("HeldOut.InOut.ChildProcess", HeldOutRun.NotAnOpenFd), ("signal", 0)));
        },
    };

    private static async Task Wait4Run(HeldOutRun r, string probe)
    {
        int c1 = Child(r, InOutProbeType, "/bin/true"), c2 = Child(r, InOutProbeType, "/bin/true");
        long sync = r.Sync(probe, c1, 0);
        long status = TakeInOut(r, 0), rss = TakeInOut(r, 1);
        VariantOutcome v = await r.Async(("pid", c2), ("options", 0));
        r.ExpectSame("/bin/true waited for: the child's pid comes back", sync == c1 ? 1 : 0, Value(CallResultOf(r, v) == c2 ? 1 : 0));
        ExpectWritten(r, "its status (0)", status, v, "wstatus");
        r.ExpectSame("its rusage written (ru_maxrss > 0)", rss, Value(Dig(v.Result, "ru_maxrss") > 0 ? 1 : 0));
        int s1 = Child(r, InOutProbeType, "/bin/sleep", "30"), s2 = Child(r, InOutProbeType, "/bin/sleep", "30");
        ExpectResult(r, "a running child with WNOHANG: 0", r.Sync(probe, s1, 1), await r.Async(("pid", s2), ("options", 1)));
        r.ExpectSame("the reaped child again (ECHILD)", r.Sync(probe, c1, 0), await r.Async(("pid", c2), ("options", 0)));
        // 0x10 is no wait4 option (wait4(2) takes WNOHANG, WUNTRACED, WCONTINUED and the __W ones, not WEXITED or WNOWAIT).
        r.ExpectSame("unknown options (EINVAL)", r.Sync(probe, s1, 0x10), await r.Async(("pid", s2), ("options", 0x10)));
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> CounterRuns() => new()
    {
        ["evt.eventfd_read_ref_ulong"] = async r =>
        {
            int a = Made(r, r.Sync("Probe_eventfd", 5L), "eventfd"), b = Made(r, r.Sync("Probe_eventfd", 5L), "eventfd");
            long sync = r.Sync("Probe_eventfd_read_ref", a);
            long value = TakeInOut(r, 0);
            VariantOutcome v = await r.Async(("fd", b), ("value", 0L));
            ExpectResult(r, "read the counter", sync, v);
            ExpectWritten(r, "the value written (5)", value, v, "value");
            r.ExpectSame("read again: zero (EAGAIN)", r.Sync("Probe_eventfd_read_ref", a), await r.Async(("fd", b), ("value", 0L)));
        },
        ["evt.write_ref_ulong_counter"] = async r =>
        {
            int a = Made(r, r.Sync("Probe_eventfd", 0L), "eventfd"), b = Made(r, r.Sync("Probe_eventfd", 0L), "eventfd");
            r.ExpectSame("write 3", r.Sync("Probe_write_ref", a, 3L, 8L), await r.Async(("fd", b), ("value", 3L), ("count", 8L)));
            r.ExpectSame("the counter after", r.Sync("Probe_counter", a), Value(r.Sync("Probe_counter", b)));
            r.ExpectSame("the all-ones value (EINVAL)", r.Sync("Probe_write_ref", a, -1L, 8L), await r.Async(("fd", b), ("value", -1L), ("count", 8L)));
            r.ExpectSame("4 bytes (EINVAL)", r.Sync("Probe_write_ref", a, 3L, 4L), await r.Async(("fd", b), ("value", 3L), ("count", 4L)));
        },
        ["evt.read_out_ulong_array"] = async r =>
        {
            int a = Made(r, r.Sync("Probe_eventfd", 5L), "eventfd"), b = Made(r, r.Sync("Probe_eventfd", 5L), "eventfd");
            ulong[] cell = new ulong[1];
            long sync = r.Sync("Probe_read_array", a, 8L);
            long value = TakeInOut(r, 0);
            r.ExpectSame("read 8 bytes into a ulong[1]", sync, await r.Async(("fd", b), ("value", cell), ("count", 8L)));
            r.ExpectSame("the counter read (5)", value, Value((long)cell[0]));
            r.ExpectSame("4 bytes (EINVAL)", r.Sync("Probe_read_array", a, 4L), await r.Async(("fd", b), ("value", new ulong[1]), ("count", 4L)));
            long empty = r.Sync("Probe_read_array", a, 8L);
            if (r.Row.Verdict.Contains("ring"))
            {
                // A ring read waits for its descriptor also when it is non-blocking (declaring-wrappers.md): checked as such.
                ulong[] late = new ulong[1];
                Task<VariantOutcome> waiting = r.Async(("fd", b), ("value", late), ("count", 8L));
                await Task.WhenAny(waiting, Task.Delay(200));
                r.ExpectWaitsForReadiness("read again: zero", empty, waiting.IsCompleted ? await waiting : null);
                r.Sync("Probe_write_ref", b, 2L, 8L);
                r.ExpectSame("the waiting read once the counter is 2", 8, await waiting);
                r.ExpectSame("the counter it read (2)", 2, Value((long)late[0]));
            }
            else
            {
                r.ExpectSame("read again: zero (EAGAIN)", empty, await r.Async(("fd", b), ("value", new ulong[1]), ("count", 8L)));
            }
        },
        ["evt.inotify_names_ordinary_list"] = async r =>
        {
            int a = Made(r, r.Sync("Probe_inotify"), "inotify_init1"), b = Made(r, r.Sync("Probe_inotify"), "inotify_init1");
            string da = Directory.CreateDirectory(Path.Combine(r.Directory, "names-a")).FullName, db = Directory.CreateDirectory(Path.Combine(r.Directory, "names-b")).FullName;
            r.Sync("Probe_inotify_watch", a, da);
            r.Sync("Probe_inotify_watch", b, db);
            foreach (string name in new[] { "first", "a-longer-name-than-sixteen-bytes" })
            {
                File.WriteAllBytes(Path.Combine(da, name), Content);
                File.WriteAllBytes(Path.Combine(db, name), Content);
            }

            long sync = r.Sync("Probe_read_names", a);
            string syncNames = string.Join("|", (string?[])r.CallStatic(InOutProbeType, "TakeNames")!);
            var names = new List<string>();
            VariantOutcome v = await r.Async(("fd", b), ("names", names));
            r.ExpectSame("two records of different lengths", sync, v);
            SameText(r, "the names the call added to the caller's list", syncNames, string.Join("|", names));
            r.ExpectSame("nothing queued (EAGAIN)", r.Sync("Probe_read_names", a), await r.Async(("fd", b), ("names", new List<string>())));
            r.ExpectBadFd(r.Sync("Probe_read_names", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("names", new List<string>())));
        },
        ["evt.inotify_add_watch_utf8_enum_safehandle"] = async r =>
        {
            int a = Made(r, r.Sync("Probe_inotify"), "inotify_init1"), b = Made(r, r.Sync("Probe_inotify"), "inotify_init1");
            string dir = Directory.CreateDirectory(Path.Combine(r.Directory, "watch-é")).FullName;
            r.ExpectSame("a directory with a non-ASCII name (the first watch: 1)", r.Sync("Probe_add_watch", a, dir, 0x100u), await r.Async(("fd", b), ("pathname", dir), ("mask", 0x100u)));
            r.ExpectSame("a missing path (ENOENT)", r.Sync("Probe_add_watch", a, dir + "-missing", 0x100u), await r.Async(("fd", b), ("pathname", dir + "-missing"), ("mask", 0x100u)));
            r.ExpectSame("mask 0 (EINVAL)", r.Sync("Probe_add_watch", a, dir, 0u), await r.Async(("fd", b), ("pathname", dir), ("mask", 0u)));
            r.ExpectBadFd(r.Sync("Probe_add_watch", HeldOutRun.NotAnOpenFd, dir, 0x100u), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("pathname", dir), ("mask", 0x100u)));
        },
        ["evt.counter_instance_take"] = async r =>
        {
            int a = Made(r, r.Sync("Probe_eventfd", 7L), "eventfd"), b = Made(r, r.Sync("Probe_eventfd", 7L), "eventfd");
            r.ExpectSame("take the counter (7)", r.Sync("Probe_take", a), await r.AsyncOn(r.NewObject("HeldOut.InOut.Counter", Unowned(b))));
            r.ExpectSame("take again (EAGAIN)", r.Sync("Probe_take", a), await r.AsyncOn(r.NewObject("HeldOut.InOut.Counter", Unowned(b))));
            r.ExpectBadFd(r.Sync("Probe_take", HeldOutRun.NotAnOpenFd), await r.AsyncOn(r.NewObject("HeldOut.InOut.Counter", Unowned(HeldOutRun.NotAnOpenFd))));
        },
    };
}
