using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the thirty-fourth blind round (SystemLibs.case, AppLibs.case), written with the case files, before the
/// generator was run on them. Each side makes its own library object and frees it after the call (no object is shared between
/// the sync wrapper and the variant); no bus is connected, no BPF object exists (a descriptor never open, a path in the run's
/// directory), the journal is the run's own empty directory, the netlink socket is never connected, the archive is a file of
/// the run's. A null object is passed only where the library checks for it (sd_event_run, sd_journal_next, sd_bus_call_method,
/// kmod_module_new_from_name), never to libnl or libarchive, which would dereference it. seccomp_load is never called.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const string SystemLibsProbeType = "HeldOut.SystemLibs.SystemLibsProbes";
    private const string AppLibsProbeType = "HeldOut.AppLibs.AppLibsProbes";

    private static Dictionary<string, (string, string)> WithThirtyFourthRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["SystemLibs"] = (HeldOutProbes.SystemLibs, "");
        probes["AppLibs"] = (HeldOutProbes.AppLibs, "");
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithThirtyFourthRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in SystemLibsRuns().Concat(AppLibsRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static object? Sys34(HeldOutRun r, string method, params object?[] arguments) => r.CallStatic(SystemLibsProbeType, method, arguments);

    /// <summary>A library object made by a helper of the case file; 0 means the run cannot be made here.</summary>
    private static long Made34(HeldOutRun r, string method, params object?[] arguments)
    {
        long made = Convert.ToInt64(Sys34(r, method, arguments));
        if (made == 0)
        {
            throw new InvalidOperationException(method + " answered NULL; the run is wrong");
        }

        return made;
    }

    /// <summary>
    /// A variant's outcome in the probe's convention where the call also hands back an object (the probe frees its own and adds
    /// 1000000 to the result): the variant's object is freed with <paramref name="free"/> and counted the same way.
    /// </summary>
    private static VariantOutcome WithObject34(HeldOutRun r, VariantOutcome v, string member, string free)
    {
        if (v.Other is not null || v.Errno is not null)
        {
            return v;
        }

        long made = HeldOutRun.Member(v.Result, member) ?? 0;
        if (made != 0)
        {
            Sys34(r, free, made);
        }

        return v with { Number = (v.Number ?? 0) + (made != 0 ? 1_000_000 : 0) };
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> SystemLibsRuns() => new()
    {
        ["sys.bpf_map_lookup_elem_negerrno"] = async r =>
        {
            foreach (int fd in new[] { HeldOutRun.NotAnOpenFd, -1 })
            {
                byte[] a = new byte[8], b = new byte[8];
                r.ExpectSame("map " + fd + " (not a map)", r.Sync("Probe_sys_bpf_lookup", fd, new byte[4], a), await r.Async(("fd", fd), ("key", new byte[4]), ("value", b)));
                r.ExpectBytes("value of map " + fd, a, b);
            }
        },
        ["sys.bpf_obj_get_minus_one_errno"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "no-such-pin");
            r.ExpectSame("a path that does not exist", r.Sync("Probe_sys_bpf_obj_get", missing), await r.Async(("pathname", missing)));
            string plain = Path.Combine(r.Directory, "plain-file");
            File.WriteAllBytes(plain, new byte[] { 1, 2, 3 });
            r.ExpectSame("a file not on a BPF file system", r.Sync("Probe_sys_bpf_obj_get", plain), await r.Async(("pathname", plain)));
        },
        ["sys.sd_bus_call_method_no_varargs"] = async r =>
        {
            VariantOutcome v = await r.Async(("bus", 0L), ("destination", "org.freedesktop.DBus"), ("path", "/org/freedesktop/DBus"), ("interface", "org.freedesktop.DBus"),
                ("member", "GetId"), ("ret_error", 0L), ("types", null));
            r.ExpectSame("a NULL bus", r.Sync("Probe_sys_bus_call", 0L), WithObject34(r, v, "reply", "EventUnref"));
        },
        ["sys.sd_event_run_negerrno"] = async r =>
        {
            long a = Made34(r, "EventNew"), b = Made34(r, "EventNew");
            try
            {
                r.ExpectSame("an event loop with no sources, 0 µs", r.Sync("Probe_sys_event_run", a, 0L), await r.Async(("e", b), ("usec", 0UL)));
                r.ExpectSame("an event loop with no sources, 1000 µs", r.Sync("Probe_sys_event_run", a, 1000L), await r.Async(("e", b), ("usec", 1000UL)));
                r.ExpectSame("a NULL event loop", r.Sync("Probe_sys_event_run", 0L, 0L), await r.Async(("e", 0L), ("usec", 0UL)));
            }
            finally
            {
                Sys34(r, "EventUnref", a);
                Sys34(r, "EventUnref", b);
            }
        },
        ["sys.sd_journal_next_negerrno"] = async r =>
        {
            string directory = Path.Combine(r.Directory, "journal");
            Directory.CreateDirectory(directory);
            long a = Made34(r, "JournalOpen", directory), b = Made34(r, "JournalOpen", directory);
            try
            {
                r.ExpectSame("an empty journal directory", r.Sync("Probe_sys_journal_next", a), await r.Async(("j", b)));
                r.ExpectSame("a NULL journal", r.Sync("Probe_sys_journal_next", 0L), await r.Async(("j", 0L)));
            }
            finally
            {
                Sys34(r, "JournalClose", a);
                Sys34(r, "JournalClose", b);
            }
        },
        ["sys.nl_recvmsgs_default_stated_neverfails"] = async r =>
        {
            long a = Made34(r, "NlAlloc"), b = Made34(r, "NlAlloc");
            try
            {
                VariantOutcome v = await r.Async(("sk", b));
                r.ExpectSame("a socket never connected (-NLE_BAD_SOCK)", r.Sync("Probe_sys_nl_recv", a), v);
            }
            finally
            {
                Sys34(r, "NlFree", a);
                Sys34(r, "NlFree", b);
            }
        },
        ["sys.nl_send_auto_stated_negerrno"] = async r =>
        {
            long a = Made34(r, "NlAlloc"), b = Made34(r, "NlAlloc"), ma = Made34(r, "MsgAlloc"), mb = Made34(r, "MsgAlloc");
            try
            {
                VariantOutcome v = await r.Async(("sk", b), ("msg", mb));
                long sync = r.Sync("Probe_sys_nl_send", a, ma);
                r.ExpectSame("a socket never connected", sync, v);
                if (v.Errno is int errno)
                {
                    r.Row.Problems.Add("libnl's " + sync + " (an NLE_* code) reported as errno " + Errno.NameOf(errno) + ": not an errno value");
                }
            }
            finally
            {
                Sys34(r, "MsgFree", ma);
                Sys34(r, "MsgFree", mb);
                Sys34(r, "NlFree", a);
                Sys34(r, "NlFree", b);
            }
        },
        ["sys.udev_device_new_from_syspath_null_errno"] = async r =>
        {
            long a = Made34(r, "UdevNew"), b = Made34(r, "UdevNew");
            try
            {
                foreach ((string path, string what) in new[]
                {
                    (Path.Combine(r.Directory, "no-such-device"), "a path outside /sys"),
                    ("/sys/devices/asyncsys-no-such-device", "a /sys path that does not exist"),
                    ("/sys/devices/virtual/mem/null", "/dev/null's device (or its absence here)"),
                })
                {
                    VariantOutcome v = await r.Async(("udev", b), ("syspath", path));
                    if (v.Other is null && v.Errno is null && v.Number is long device && device != 0)
                    {
                        Sys34(r, "DeviceUnref", device);
                        v = v with { Number = 1 };
                    }

                    r.ExpectSame(what, r.Sync("Probe_sys_udev_syspath", a, path), v);
                }
            }
            finally
            {
                Sys34(r, "UdevUnref", a);
                Sys34(r, "UdevUnref", b);
            }
        },
        ["sys.kmod_module_new_from_name_out_module"] = async r =>
        {
            long a = Made34(r, "KmodNew"), b = Made34(r, "KmodNew");
            try
            {
                foreach (string name in new[] { "asyncsys_no_such_module", "loop" })
                {
                    VariantOutcome v = WithObject34(r, await r.Async(("ctx", b), ("name", name)), "mod", "ModuleUnref");
                    r.ExpectSame("module " + name, r.Sync("Probe_sys_kmod", a, name), v);
                }

                r.ExpectSame("a NULL context", r.Sync("Probe_sys_kmod", 0L, "loop"), WithObject34(r, await r.Async(("ctx", 0L), ("name", "loop")), "mod", "ModuleUnref"));
            }
            finally
            {
                Sys34(r, "KmodUnref", a);
                Sys34(r, "KmodUnref", b);
            }
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> AppLibsRuns() => new()
    {
        ["app.archive_read_data_array"] = async r =>
        {
            string path = Path.Combine(r.Directory, "raw-entry");
            byte[] content = Enumerable.Range(0, 300).Select(i => (byte)(i * 7 + 3)).ToArray();
            File.WriteAllBytes(path, content);
            long a = Convert.ToInt64(r.CallStatic(AppLibsProbeType, "ArchiveOpen", path, true));
            long b = Convert.ToInt64(r.CallStatic(AppLibsProbeType, "ArchiveOpen", path, true));
            long c = Convert.ToInt64(r.CallStatic(AppLibsProbeType, "ArchiveOpen", path, false));
            long d = Convert.ToInt64(r.CallStatic(AppLibsProbeType, "ArchiveOpen", path, false));
            try
            {
                foreach ((int length, string what) in new[] { (100, "100 bytes"), (512, "the other 200"), (64, "at the end (0)") })
                {
                    byte[] x = new byte[512], y = new byte[512];
                    r.ExpectSame(what, r.Sync("Probe_app_archive_read", a, x, (long)length), await r.Async(("a", b), ("buff", y), ("len", (ulong)length)));
                    r.ExpectBytes(what, x, y);
                }

                r.ExpectSame("before the header (ARCHIVE_FATAL)", r.Sync("Probe_app_archive_read", c, new byte[16], 16L), await r.Async(("a", d), ("buff", new byte[16]), ("len", 16UL)));
            }
            finally
            {
                foreach (long archive in new[] { a, b, c, d })
                {
                    r.CallStatic(AppLibsProbeType, "ArchiveFree", archive);
                }
            }
        },
    };
}
