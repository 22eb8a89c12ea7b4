using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the twenty-fifth blind round (Input.case, Events.case), written with the case files, before the
/// generator was run on them. Every side has its own pipes, eventfds, timerfds, signalfd (SIGUSR2, never sent), inotify
/// instances on the run's directory and pty masters (O_NOCTTY), made by the run and closed when it ends; the device ioctls
/// (evdev, uinput, gpio, hidraw, v4l2) meet a pipe, which answers ENOTTY (or FIONREAD, which writes the bytes queued), and a
/// closed descriptor; no device file is opened and nothing process-wide is changed. Closed descriptors are 999999.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const string InputProbeType = "HeldOut.Input.InputProbes";
    private const string EventsProbeType = "HeldOut.Events.EventsProbes";
    private const uint Fionread25 = 0x541B;
    private const int NotTty25 = 25;

    private static Dictionary<string, (string, string)> WithTwentyFifthRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Input"] = (HeldOutProbes.Input, HeldOutProbes.InputLibraryImport);
        probes["Events"] = (HeldOutProbes.Events, HeldOutProbes.EventsLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithTwentyFifthRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in InputRuns().Concat(EventsRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static string H25(HeldOutRun r) => r.Row.Case.Group == "Input" ? InputProbeType : EventsProbeType;

    private static object? Call25(HeldOutRun r, string method, params object?[] arguments) => r.CallStatic(H25(r), method, arguments);

    /// <summary>A pipe of the run's (read end, write end), closed when the run ends.</summary>
    private static (int Read, int Write) Pipe25(HeldOutRun r)
    {
        long pair = Convert.ToInt64(Call25(r, "PipeForRuns"));
        if (pair < 0)
        {
            throw new InvalidOperationException(r.Row.Case.Id + ": pipe2 failed (" + pair + "); the run is wrong");
        }

        return (Made(r, pair & 0xFFFFFFFF, "pipe2"), Made(r, pair >> 32, "pipe2"));
    }

    /// <summary>Two pipes with the same bytes queued: one for the sync wrapper, one for the variant.</summary>
    private static ((int Read, int Write) A, (int Read, int Write) B) Pipes25(HeldOutRun r, byte[] queued)
    {
        var a = Pipe25(r);
        var b = Pipe25(r);
        if (queued.Length > 0)
        {
            Call25(r, "WriteBytes", a.Write, queued);
            Call25(r, "WriteBytes", b.Write, queued);
        }

        return (a, b);
    }

    private static int Fd25(HeldOutRun r, string method, params object?[] arguments) =>
        Made(r, Convert.ToInt64(Call25(r, method, arguments)), method);

    private static byte[] Pattern25(HeldOutRun r, int bytes) => (byte[])Call25(r, "Pattern", bytes, 3)!;

    private static string Hex25(HeldOutRun r, Array array) => (string)Call25(r, "ArrayHex", array)!;

    private static string Left25(HeldOutRun r, int fd) => (string)Call25(r, "ReadNow", fd, 4096)!;

    private static void SameText25(HeldOutRun r, string what, string sync, string variant)
    {
        r.Row.Runs.Add(what + ": sync " + Short25(sync) + ", async " + Short25(variant));
        if (sync != variant)
        {
            r.Row.Problems.Add(what + ": the variant's '" + Short25(variant) + "' where the sync wrapper's '" + Short25(sync) + "'");
        }
    }

    private static string Short25(string text) => text.Length > 64 ? text.Substring(0, 64) + "…" : text;

    private static uint Request25(HeldOutRun r, string name, params object?[] arguments)
    {
        Type ioc = r.NewArray("HeldOut.Input.Ioc", 0).GetType().GetElementType()!;
        object? value = arguments.Length == 0 ? ioc.GetProperty(name)!.GetValue(null) : ioc.GetMethod(name)!.Invoke(null, arguments);
        return (uint)value!;
    }

    /// <summary>A device ioctl on a pipe (ENOTTY) and on a closed descriptor (EBADF), the other arguments as given.</summary>
    private static async Task NotADevice25(HeldOutRun r, string probe, string fdName, Func<int, object?[]> sync, params (string Name, object? Value)[] rest)
    {
        var (a, b) = Pipes25(r, Array.Empty<byte>());
        long s = r.Sync(probe, sync(a.Read));
        if (s != -NotTty25)
        {
            r.Row.Notes.Add("the sync wrapper on a pipe gave " + s + ", not ENOTTY");
        }

        r.ExpectSame("a pipe, not the device (ENOTTY)", s, await r.Async(rest.Prepend((fdName, (object?)b.Read)).ToArray()));
        r.ExpectBadFd(r.Sync(probe, sync(HeldOutRun.NotAnOpenFd)), await r.Async(rest.Prepend((fdName, (object?)HeldOutRun.NotAnOpenFd)).ToArray()));
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> InputRuns() => new()
    {
        ["inp.read_event_array_byte_count"] = async r =>
        {
            // Three events queued, two asked for (48 bytes): a count taken as elements (2 bytes) or as the whole queue differs.
            var (a, b) = Pipes25(r, Pattern25(r, 72));
            Array ea = r.NewArray("HeldOut.Input.InputEvent", 2), eb = r.NewArray("HeldOut.Input.InputEvent", 2);
            r.ExpectSame("two of three events (48 bytes)", r.Sync("Probe_read_events", a.Read, ea, 48L), await r.Async(("fd", b.Read), ("events", eb), ("count", 48L)));
            SameText25(r, "the events read", Hex25(r, ea), Hex25(r, eb));
            SameText25(r, "what is left in the pipe", Left25(r, a.Read), Left25(r, b.Read));
            r.ExpectBadFd(r.Sync("Probe_read_events", HeldOutRun.NotAnOpenFd, ea, 48L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("events", eb), ("count", 48L)));
        },
        ["inp.read_one_event_out"] = async r =>
        {
            var (a, b) = Pipes25(r, Pattern25(r, 72));
            object?[] args = { a.Read, 24L, null, null };
            long sync = r.Sync("Probe_read_one", args);
            VariantOutcome v = await r.Async(("fd", b.Read), ("count", 24L));
            r.ExpectSame("one event (24 bytes)", sync, v);
            SameValue(r, "its code", (long)args[2]!, v, "Code");
            SameValue(r, "its value", (long)args[3]!, v, "Value");
            SameText25(r, "what is left in the pipe", Left25(r, a.Read), Left25(r, b.Read));

            // A count larger than the event: refused before the call (only 24 bytes are queued, so a missing check cannot write past it).
            var (_, c) = Pipes25(r, Pattern25(r, 24));
            VariantOutcome big = await r.Async(("fd", c.Read), ("count", 48L));
            r.Row.Runs.Add("count 48 for a 24-byte event: async " + big);
            if (big.Other is not ArgumentOutOfRangeException { ParamName: "count" })
            {
                r.Row.Problems.Add("count 48 for a 24-byte event: the variant " + big + " where ArgumentOutOfRangeException naming 'count' is documented");
            }

            r.ExpectBadFd(r.Sync("Probe_read_one", HeldOutRun.NotAnOpenFd, 24L, null, null), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("count", 24L)));
        },
        ["inp.read_events_span_ordinary"] = async r =>
        {
            var (a, b) = Pipes25(r, Pattern25(r, 72));
            Array ea = r.NewArray("HeldOut.Input.InputEvent", 2), eb = r.NewArray("HeldOut.Input.InputEvent", 2);
            r.ExpectSame("two whole events", r.Sync("Probe_read_span", a.Read, ea), await r.Async(("device", b.Read), ("events", eb)));
            SameText25(r, "the events read", Hex25(r, ea), Hex25(r, eb));
            SameText25(r, "what is left in the pipe", Left25(r, a.Read), Left25(r, b.Read));
            r.ExpectBadFd(r.Sync("Probe_read_span", HeldOutRun.NotAnOpenFd, ea), await r.Async(("device", HeldOutRun.NotAnOpenFd), ("events", eb)));
        },
        ["inp.eviocgname_out_byte_array_helper_request"] = async r =>
        {
            uint request = Request25(r, "EVIOCGNAME", 64);
            await NotADevice25(r, "Probe_get_name", "fd", fd => new object?[] { fd, request, new byte[64] }, ("request", (long)request), ("name", new byte[64]));

            // FIONREAD on a pipe writes the bytes queued into the first four: the array must come back written.
            var (a, b) = Pipes25(r, Pattern25(r, 5));
            byte[] na = new byte[64], nb = new byte[64];
            r.ExpectSame("FIONREAD through the same wrapper", r.Sync("Probe_get_name", a.Read, Fionread25, na), await r.Async(("fd", b.Read), ("request", (long)Fionread25), ("name", nb)));
            r.ExpectBytes("the count written into the array", na, nb);
        },
        ["inp.eviocgname_ordinary_out_string"] = async r =>
            await NotADevice25(r, "Probe_device_name", "fd", fd => new object?[] { fd }),
        ["inp.eviocgbit_span_ordinary"] = async r =>
            await NotADevice25(r, "Probe_event_bits", "fd", fd => new object?[] { fd, 1, new byte[96] }, ("type", 1), ("bits", new byte[96])),
        ["inp.eviocgid_out_struct_libraryimport"] = async r =>
        {
            uint request = Request25(r, "EVIOCGID");
            await NotADevice25(r, "Probe_get_id", "fd", fd => new object?[] { fd, request, null }, ("request", (long)request));
            var (a, b) = Pipes25(r, Pattern25(r, 5));
            object?[] args = { a.Read, Fionread25, null };
            long sync = r.Sync("Probe_get_id", args);
            VariantOutcome v = await r.Async(("fd", b.Read), ("request", (long)Fionread25));
            r.ExpectSame("FIONREAD into the struct", sync, v);
            SameValue(r, "its first field (5 bytes queued)", (long)args[2]!, v, "BusType");
        },
        ["inp.eviocgrab_int_value"] = async r =>
        {
            uint request = Request25(r, "EVIOCGRAB");
            await NotADevice25(r, "Probe_grab", "fd", fd => new object?[] { fd, request, 1 }, ("request", (long)request), ("grab", 1));
        },
        ["inp.write_events_in_array_sizeparam"] = async r =>
        {
            var (a, b) = Pipes25(r, Array.Empty<byte>());
            Array events = (Array)Call25(r, "EventArray", 2, 9)!;
            r.ExpectSame("two events (48 bytes)", r.Sync("Probe_write_events", a.Write, events, 48L), await r.Async(("fd", b.Write), ("events", events), ("count", 48L)));
            SameText25(r, "what the pipe holds", Left25(r, a.Read), Left25(r, b.Read));
            r.ExpectSame("one of the two (24 bytes)", r.Sync("Probe_write_events", a.Write, events, 24L), await r.Async(("fd", b.Write), ("events", events), ("count", 24L)));
            SameText25(r, "what the pipe holds then", Left25(r, a.Read), Left25(r, b.Read));
            r.ExpectBadFd(r.Sync("Probe_write_events", HeldOutRun.NotAnOpenFd, events, 48L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("events", events), ("count", 48L)));
        },
        ["inp.write_events_readonly_span_ordinary"] = async r =>
        {
            var (a, b) = Pipes25(r, Array.Empty<byte>());
            Array events = (Array)Call25(r, "EventArray", 2, 11)!;
            r.ExpectSame("two events", r.Sync("Probe_emit", a.Write, events), await r.Async(("fd", b.Write), ("events", events)));
            SameText25(r, "what the pipe holds", Left25(r, a.Read), Left25(r, b.Read));
            r.ExpectBadFd(r.Sync("Probe_emit", HeldOutRun.NotAnOpenFd, events), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("events", events)));
        },
        ["inp.ui_dev_setup_nint_address"] = async r =>
        {
            long setup = Convert.ToInt64(Call25(r, "Alloc", 92));
            r.Track(new Undo(() => Call25(r, "Free", setup)));
            uint request = Request25(r, "UI_DEV_SETUP");
            await NotADevice25(r, "Probe_setup", "fd", fd => new object?[] { fd, request, setup }, ("request", (long)request), ("setup", setup));
        },
        ["inp.ui_set_evbit_ordinary_safehandle"] = async r =>
            await NotADevice25(r, "Probe_set_evbit", "fd", fd => new object?[] { fd, 1 }, ("type", 1)),
        ["inp.gpio_line_request_ordinary_returns_fd"] = async r =>
            await NotADevice25(r, "Probe_request_line_fd", "chipFd", fd => new object?[] { fd, new uint[] { 1, 2 }, "heldout", 0UL },
                ("offsets", new uint[] { 1, 2 }), ("consumer", "heldout"), ("flags", 0UL)),
        ["inp.gpio_chipinfo_outputvalue"] = async r =>
        {
            uint request = Request25(r, "GPIO_GET_CHIPINFO_IOCTL");
            await NotADevice25(r, "Probe_chip_info", "fd", fd => new object?[] { fd, request, null }, ("request", (long)request));
        },
        ["inp.hidraw_feature_in_out_array"] = async r =>
        {
            uint request = Request25(r, "HIDIOCGFEATURE", 16);
            await NotADevice25(r, "Probe_get_feature", "fd", fd => new object?[] { fd, request, new byte[16] }, ("request", (long)request), ("report", new byte[16]));
            var (a, b) = Pipes25(r, Pattern25(r, 7));
            byte[] ra = new byte[16], rb = new byte[16];
            ra[0] = rb[0] = 0x42;
            r.ExpectSame("FIONREAD through the report wrapper", r.Sync("Probe_get_feature", a.Read, Fionread25, ra), await r.Async(("fd", b.Read), ("request", (long)Fionread25), ("report", rb)));
            r.ExpectBytes("the report written", ra, rb);
        },
        ["inp.hidraw_rawinfo_out_struct"] = async r =>
        {
            uint request = Request25(r, "HIDIOCGRAWINFO");
            await NotADevice25(r, "Probe_raw_info", "fd", fd => new object?[] { fd, request, null }, ("request", (long)request));
            var (a, b) = Pipes25(r, Pattern25(r, 9));
            object?[] args = { a.Read, Fionread25, null };
            long sync = r.Sync("Probe_raw_info", args);
            VariantOutcome v = await r.Async(("fd", b.Read), ("request", (long)Fionread25));
            r.ExpectSame("FIONREAD into the struct", sync, v);
            SameValue(r, "its first field (9 bytes queued)", (long)args[2]!, v, "BusType");
        },
        ["inp.v4l2_querycap_out_libraryimport"] = async r =>
        {
            uint request = Request25(r, "VIDIOC_QUERYCAP");
            await NotADevice25(r, "Probe_query_cap", "fd", fd => new object?[] { fd, request, null }, ("request", (long)request));
        },
        ["inp.v4l2_dqbuf_returns_struct_never_fails"] = async r =>
        {
            var (a, b) = Pipes25(r, Array.Empty<byte>());
            SameValue(r, "a pipe: the empty buffer's index", r.Sync("Probe_dequeue_index", a.Read, 1u, 1u), await r.Async(("fd", b.Read), ("type", 1u), ("memory", 1u)), "Index");
            SameValue(r, "a closed descriptor: the empty buffer's index", r.Sync("Probe_dequeue_index", HeldOutRun.NotAnOpenFd, 1u, 1u),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("type", 1u), ("memory", 1u)), "Index");
        },
        ["inp.js_read_out_array_sizeparam"] = async r =>
        {
            var (a, b) = Pipes25(r, Pattern25(r, 24));
            Array ea = r.NewArray("HeldOut.Input.JsEvent", 2), eb = r.NewArray("HeldOut.Input.JsEvent", 2);
            r.ExpectSame("two of three events (16 bytes)", r.Sync("Probe_read_js", a.Read, ea, 16L), await r.Async(("fd", b.Read), ("events", eb), ("count", 16L)));
            SameText25(r, "the events read", Hex25(r, ea), Hex25(r, eb));
            SameText25(r, "what is left in the pipe", Left25(r, a.Read), Left25(r, b.Read));
            r.ExpectBadFd(r.Sync("Probe_read_js", HeldOutRun.NotAnOpenFd, ea, 16L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("events", eb), ("count", 16L)));
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> EventsRuns() => new()
    {
        ["ev.timerfd_settime_nint_new_outputvalue_old"] = async r =>
        {
            int a = Fd25(r, "TimerfdForRuns", 0), b = Fd25(r, "TimerfdForRuns", 0);
            long first = Convert.ToInt64(Call25(r, "TimerAt", 7L, 100L)), second = Convert.ToInt64(Call25(r, "TimerAt", 0L, 200L));
            r.Track(new Undo(() => { Call25(r, "Free", first); Call25(r, "Free", second); }));
            object?[] args = { a, 0, first, null };
            r.ExpectSame("arming (the old value unarmed)", r.Sync("Probe_set_timer", args), await r.Async(("fd", b), ("flags", 0), ("new_value", first)));
            object?[] again = { a, 0, second, null };
            long sync = r.Sync("Probe_set_timer", again);
            VariantOutcome v = await r.Async(("fd", b), ("flags", 0), ("new_value", second));
            r.ExpectSame("arming again", sync, v);
            r.ExpectSame("the old value's interval (7 s)", (long)again[3]!, Value(Convert.ToInt64(Call25(r, "IntervalOf", v.Result))));
            r.ExpectSame("unknown flags (EINVAL)", r.Sync("Probe_set_timer", a, 0x40, first, null), await r.Async(("fd", b), ("flags", 0x40), ("new_value", first)));
            r.ExpectBadFd(r.Sync("Probe_set_timer", HeldOutRun.NotAnOpenFd, 0, first, null), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("flags", 0), ("new_value", first)));
        },
        ["ev.timerfd_settime_one_element_arrays"] = async r =>
        {
            int a = Fd25(r, "TimerfdForRuns", 0), b = Fd25(r, "TimerfdForRuns", 0);
            Array first = (Array)Call25(r, "Timer", 7L, 100L, 0L)!, second = (Array)Call25(r, "Timer", 0L, 200L, 0L)!;
            Array oa = r.NewArray("HeldOut.Events.Itimerspec", 1), ob = r.NewArray("HeldOut.Events.Itimerspec", 1);
            r.ExpectSame("arming", r.Sync("Probe_set_timer_arrays", a, 0, first, oa), await r.Async(("fd", b), ("flags", 0), ("new_value", first), ("old_value", ob)));
            VariantOutcome v = await r.Async(("fd", b), ("flags", 0), ("new_value", second), ("old_value", ob));
            r.ExpectSame("arming again", r.Sync("Probe_set_timer_arrays", a, 0, second, oa), v);
            long syncInterval = Convert.ToInt64(Call25(r, "IntervalOf", oa));
            long variantInterval = Convert.ToInt64(Call25(r, "IntervalOf", ob));
            if (variantInterval != 7)
            {
                variantInterval = Convert.ToInt64(Call25(r, "IntervalOf", v.Result));
            }

            r.ExpectSame("the old value's interval (7 s)", syncInterval, Value(variantInterval));
            r.ExpectBadFd(r.Sync("Probe_set_timer_arrays", HeldOutRun.NotAnOpenFd, 0, first, oa), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("flags", 0), ("new_value", first), ("old_value", ob)));
        },
        ["ev.timerfd_read_span_ulong_ordinary"] = async r =>
        {
            // Blocking timerfds armed for 1 ms, no interval: read waits for the expiry and answers one expiration.
            int a = Fd25(r, "TimerfdForRuns", 0), b = Fd25(r, "TimerfdForRuns", 0);
            Array soon = (Array)Call25(r, "Timer", 0L, 0L, 1_000_000L)!;
            r.Sync("Probe_set_timer_arrays", a, 0, soon, r.NewArray("HeldOut.Events.Itimerspec", 1));
            r.Sync("Probe_set_timer_arrays", b, 0, soon, r.NewArray("HeldOut.Events.Itimerspec", 1));
            ulong[] ca = new ulong[1], cb = new ulong[1];
            r.ExpectSame("one expiration (8 bytes)", r.Sync("Probe_read_expirations", a, ca), await r.Async(("fd", b), ("expirations", cb)));
            r.ExpectSame("the count", (long)ca[0], Value((long)cb[0]));
            int c = Fd25(r, "TimerfdForRuns", 0x800), d = Fd25(r, "TimerfdForRuns", 0x800);
            r.ExpectSame("an unarmed non-blocking timer (EAGAIN)", r.Sync("Probe_read_expirations", c, new ulong[1]), await r.Async(("fd", d), ("expirations", new ulong[1])));
            r.ExpectSame("no room for the count (EINVAL)", r.Sync("Probe_read_expirations", c, Array.Empty<ulong>()), await r.Async(("fd", d), ("expirations", Array.Empty<ulong>())));
            r.ExpectBadFd(r.Sync("Probe_read_expirations", HeldOutRun.NotAnOpenFd, new ulong[1]), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("expirations", new ulong[1])));
        },
        ["ev.eventfd_read_out_ulong_array"] = async r =>
        {
            int a = Fd25(r, "EventfdForRuns", 5u), b = Fd25(r, "EventfdForRuns", 5u);
            ulong[] va = new ulong[1], vb = new ulong[1];
            r.ExpectSame("the counter (8 bytes)", r.Sync("Probe_read_counter", a, va, 8L), await r.Async(("fd", b), ("value", vb), ("count", 8L)));
            r.ExpectSame("the value read", (long)va[0], Value((long)vb[0]));
            r.ExpectBadFd(r.Sync("Probe_read_counter", HeldOutRun.NotAnOpenFd, va, 8L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("value", vb), ("count", 8L)));
        },
        ["ev.eventfd_write_readonly_span_libraryimport"] = async r =>
        {
            int a = Fd25(r, "EventfdForRuns", 0u), b = Fd25(r, "EventfdForRuns", 0u);
            byte[] three = BitConverter.GetBytes(3UL);
            r.ExpectSame("adding 3 (8 bytes)", r.Sync("Probe_write_counter", a, three), await r.Async(("fd", b), ("buf", three), ("count", 8L)));
            SameText25(r, "the counter read back", Left25(r, a), Left25(r, b));
            byte[] four = new byte[4];
            object? count = r.ParameterType("count") is null ? null : 4L;
            VariantOutcome v = count is null ? await r.Async(("fd", b), ("buf", four)) : await r.Async(("fd", b), ("buf", four), ("count", 4L));
            r.ExpectSame("4 bytes (EINVAL)", r.Sync("Probe_write_counter", a, four), v);
            r.ExpectBadFd(r.Sync("Probe_write_counter", HeldOutRun.NotAnOpenFd, three), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", three), ("count", 8L)));
        },
        ["ev.signalfd_read_span_siginfo_ordinary"] = async r =>
        {
            int a = Fd25(r, "SignalfdForRuns"), b = Fd25(r, "SignalfdForRuns");
            Array ia = r.NewArray("HeldOut.Events.SignalfdSiginfo", 1), ib = r.NewArray("HeldOut.Events.SignalfdSiginfo", 1);
            r.ExpectSame("nothing pending (EAGAIN)", r.Sync("Probe_read_signals", a, ia), await r.Async(("fd", b), ("infos", ib)));
            Array none = r.NewArray("HeldOut.Events.SignalfdSiginfo", 0);
            r.ExpectSame("no room for a record (EINVAL)", r.Sync("Probe_read_signals", a, none), await r.Async(("fd", b), ("infos", none)));
            r.ExpectBadFd(r.Sync("Probe_read_signals", HeldOutRun.NotAnOpenFd, ia), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("infos", ib)));
        },
        ["ev.inotify_read_span_libraryimport"] = async r =>
        {
            int a = Fd25(r, "InotifyForRuns"), b = Fd25(r, "InotifyForRuns");
            string da = Path.Combine(r.Directory, "watch-a"), db = Path.Combine(r.Directory, "watch-b");
            Directory.CreateDirectory(da);
            Directory.CreateDirectory(db);
            Call25(r, "WatchForRuns", a, da);
            Call25(r, "WatchForRuns", b, db);
            File.WriteAllBytes(Path.Combine(da, "asset.png"), Content);
            File.WriteAllBytes(Path.Combine(db, "asset.png"), Content);
            byte[] ba = new byte[256], bb = new byte[256];
            r.ExpectSame("the IN_CREATE record", r.Sync("Probe_read_inotify", a, ba, 256L), await r.Async(("fd", b), ("buffer", bb), ("count", 256L)));
            r.ExpectBytes("the record", ba, bb);
            r.ExpectBadFd(r.Sync("Probe_read_inotify", HeldOutRun.NotAnOpenFd, ba, 256L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buffer", bb), ("count", 256L)));
        },
        ["ev.inotify_add_watch_byte_array_path"] = async r =>
        {
            int a = Fd25(r, "InotifyForRuns"), b = Fd25(r, "InotifyForRuns");
            byte[] dir = Encoding.UTF8.GetBytes(r.Directory + "\0");
            r.ExpectSame("the run's directory", r.Sync("Probe_add_watch_bytes", a, dir, 0x100u), await r.Async(("fd", b), ("pathname", dir), ("mask", 0x100u)));
            byte[] missing = Encoding.UTF8.GetBytes(Path.Combine(r.Directory, "missing") + "\0");
            r.ExpectSame("a path that does not exist (ENOENT)", r.Sync("Probe_add_watch_bytes", a, missing, 0x100u), await r.Async(("fd", b), ("pathname", missing), ("mask", 0x100u)));
            r.ExpectSame("no events asked (EINVAL)", r.Sync("Probe_add_watch_bytes", a, dir, 0u), await r.Async(("fd", b), ("pathname", dir), ("mask", 0u)));
            r.ExpectBadFd(r.Sync("Probe_add_watch_bytes", HeldOutRun.NotAnOpenFd, dir, 0x100u), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("pathname", dir), ("mask", 0x100u)));
        },
        ["ev.poll_span_pollfd_libraryimport"] = async r =>
        {
            var (a1, b1) = Pipes25(r, Pattern25(r, 3));
            var (a2, b2) = Pipes25(r, Array.Empty<byte>());
            Array fa = (Array)Call25(r, "PollSet", a1.Read, a2.Read)!, fb = (Array)Call25(r, "PollSet", b1.Read, b2.Read)!;
            r.ExpectSame("one of two ready, no wait", r.Sync("Probe_poll", fa, 2L, 0), await r.Async(("fds", fb), ("nfds", 2L), ("timeout", 0)));
            SameText25(r, "the revents written", Hex25(r, fa).Substring(8, 8) + Hex25(r, fa).Substring(24, 8), Hex25(r, fb).Substring(8, 8) + Hex25(r, fb).Substring(24, 8));
            Array ca = (Array)Call25(r, "PollSet", HeldOutRun.NotAnOpenFd, a2.Read)!, cb = (Array)Call25(r, "PollSet", HeldOutRun.NotAnOpenFd, b2.Read)!;
            r.ExpectSame("a closed descriptor in the set (POLLNVAL)", r.Sync("Probe_poll", ca, 2L, 0), await r.Async(("fds", cb), ("nfds", 2L), ("timeout", 0)));
            SameText25(r, "its revents", Hex25(r, ca).Substring(12, 4), Hex25(r, cb).Substring(12, 4));
        },
        ["ev.ppoll_in_out_array_nint_timeout"] = async r =>
        {
            var (a1, b1) = Pipes25(r, Pattern25(r, 3));
            var (a2, b2) = Pipes25(r, Array.Empty<byte>());
            long zero = Convert.ToInt64(Call25(r, "Alloc", 16));
            r.Track(new Undo(() => Call25(r, "Free", zero)));
            Array fa = (Array)Call25(r, "PollSet", a1.Read, a2.Read)!, fb = (Array)Call25(r, "PollSet", b1.Read, b2.Read)!;
            r.ExpectSame("one of two ready, a zero timeout", r.Sync("Probe_ppoll", fa, 2L, zero), await r.Async(("fds", fb), ("nfds", 2L), ("tmo_p", zero), ("sigmask", 0L)));
            SameText25(r, "the set written", Hex25(r, fa).Substring(8, 8) + Hex25(r, fa).Substring(24, 8), Hex25(r, fb).Substring(8, 8) + Hex25(r, fb).Substring(24, 8));
            long bad = Convert.ToInt64(Call25(r, "Alloc", 16));
            r.Track(new Undo(() => Call25(r, "Free", bad)));
            Call25(r, "WriteBytes", a1.Write, Array.Empty<byte>());
            System.Runtime.InteropServices.Marshal.WriteInt64((IntPtr)bad, 8, 2_000_000_000L);
            r.ExpectSame("a timeout of 2e9 ns (EINVAL)", r.Sync("Probe_ppoll", fa, 2L, bad), await r.Async(("fds", fb), ("nfds", 2L), ("tmo_p", bad), ("sigmask", 0L)));
        },
        ["ev.posix_openpt_stated"] = async r =>
        {
            const int Flags = 2 | 0x100 | 0x80000;
            ExpectNewDescriptor(r, "a pty master (O_NOCTTY)", r.Sync("Probe_open_master", Flags), await r.Async(("flags", Flags)), LinkOf);
            r.ExpectSame("O_DIRECTORY (ENOTDIR)", r.Sync("Probe_open_master", Flags | 0x10000), await r.Async(("flags", Flags | 0x10000)));
        },
        ["ev.unlockpt_stated"] = async r =>
        {
            int a = Fd25(r, "PtyForRuns"), b = Fd25(r, "PtyForRuns");
            r.ExpectSame("its own master", r.Sync("Probe_unlock", a), await r.Async(("fd", b)));
            var (pa, pb) = Pipes25(r, Array.Empty<byte>());
            r.ExpectSame("a pipe", r.Sync("Probe_unlock", pa.Read), await r.Async(("fd", pb.Read)));
            r.ExpectBadFd(r.Sync("Probe_unlock", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
        },
        ["ev.ptsname_r_byte_array_error_number"] = async r =>
        {
            int a = Fd25(r, "PtyForRuns"), b = Fd25(r, "PtyForRuns");
            byte[] na = new byte[64], nb = new byte[64];
            r.ExpectSame("its own master", r.Sync("Probe_slave_name", a, na, 64L), await r.Async(("fd", b), ("buf", nb), ("buflen", 64L)));
            SameText25(r, "the name's directory", Encoding.ASCII.GetString(na, 0, 9), Encoding.ASCII.GetString(nb, 0, 9));
            r.ExpectSame("4 bytes (ERANGE)", r.Sync("Probe_slave_name", a, new byte[4], 4L), await r.Async(("fd", b), ("buf", new byte[4]), ("buflen", 4L)));
            var (pa, pb) = Pipes25(r, Array.Empty<byte>());
            r.ExpectSame("a pipe (ENOTTY)", r.Sync("Probe_slave_name", pa.Read, na, 64L), await r.Async(("fd", pb.Read), ("buf", nb), ("buflen", 64L)));
            r.ExpectBadFd(r.Sync("Probe_slave_name", HeldOutRun.NotAnOpenFd, na, 64L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", nb), ("buflen", 64L)));
        },
        ["ev.tcgetattr_outputvalue_termios"] = async r =>
        {
            int a = Fd25(r, "PtyForRuns"), b = Fd25(r, "PtyForRuns");
            object?[] args = { a, null, null };
            long sync = r.Sync("Probe_get_attributes", args);
            VariantOutcome v = await r.Async(("fd", b));
            r.ExpectSame("its own master", sync, v);
            SameValue(r, "c_cflag", (long)args[1]!, v, "Cflag");
            SameValue(r, "c_lflag", (long)args[2]!, v, "Lflag");
            var (pa, pb) = Pipes25(r, Array.Empty<byte>());
            r.ExpectSame("a pipe (ENOTTY)", r.Sync("Probe_get_attributes", pa.Read, null, null), await r.Async(("fd", pb.Read)));
            r.ExpectBadFd(r.Sync("Probe_get_attributes", HeldOutRun.NotAnOpenFd, null, null), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
        },
    };
}
