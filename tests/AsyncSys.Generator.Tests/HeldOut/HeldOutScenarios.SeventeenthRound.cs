using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the seventeenth blind round (StaticResults.case, Callbacks.case), written with the case files,
/// before the generator was run on them. A result that points into storage the call reuses is read by the sync probe at
/// once and by the run after the variant's await (what a caller of the variant reads); the verdict on such a row comes
/// from its <c>static=</c> tag, the run shows what the caller got. Calls that depend on the calling thread's locale run on
/// a thread the run starts and gives its own locale (uselocale with C.UTF-8, set back before the thread ends); the variant
/// is called from that thread too. Nothing changes the test host for good: setenv and signal are called only with
/// arguments they refuse (no variable is set, no disposition changes), sigaction and setlocale only query, atexit has no
/// run (a handler registered in the test host would run at its exit), pthread_once's control is memory the run allocates.
/// Time conversions use a fixed time_t and the process's own time zone on both sides (the run sets no TZ).
/// </summary>
internal static partial class HeldOutScenarios
{
    private const string StaticProbes = "HeldOut.StaticResults.StaticResultsProbes";
    private const string StaticLibraryImportProbes = "HeldOut.StaticResults.StaticResultsLibraryImportProbes";
    private const long FixedTime = 1_700_000_000;
    private const int CodesetItem = 14, LcAll = 6, LcCtype = 0, LcAllMask = 0x1FBF;
    private static readonly nint GlobalLocale = -1;

    private static Dictionary<string, (string, string)> WithSeventeenthRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["StaticResults"] = (HeldOutProbes.StaticResults, HeldOutProbes.StaticResultsLibraryImport);
        probes["Callbacks"] = (HeldOutProbes.Callbacks, "");
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithSeventeenthRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in StaticResultsRuns().Concat(CallbacksRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static string ProbeText(HeldOutRun r, string method, params object?[] arguments) =>
        (string?)r.CallStatic(StaticProbes, method, arguments) ?? "(null)";

    private static string LibraryImportProbeText(HeldOutRun r, string method, params object?[] arguments) =>
        (string?)r.CallStatic(StaticLibraryImportProbes, method, arguments) ?? "(null)";

    /// <summary>A returned pointer read as a C string after the await, in the probes' text ("E" and the errno for a failure).</summary>
    private static string PointerText(VariantOutcome outcome, int offset = 0) =>
        outcome.Other is not null ? outcome.ToString()
        : outcome.Errno is int e ? "E" + e
        : outcome.Number is long p and not 0 ? Marshal.PtrToStringUTF8((nint)p + offset) ?? "(null)"
        : "E0";

    private static string PasswdNameText(VariantOutcome outcome) =>
        outcome.Other is null && outcome.Errno is null && outcome.Number is long p and not 0 ? Marshal.PtrToStringUTF8(Marshal.ReadIntPtr((nint)p)) ?? "(null)" : PointerText(outcome);

    private static object? ObjectMember(VariantOutcome outcome, string name)
    {
        if (outcome.Result is null)
        {
            return null;
        }

        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.IgnoreCase;
        Type type = outcome.Result.GetType();
        return type.GetField(name, flags)?.GetValue(outcome.Result) ?? type.GetProperty(name, flags)?.GetValue(outcome.Result);
    }

    private static string DoubleText(VariantOutcome outcome) =>
        outcome.Other is null && outcome.Errno is null && outcome.Result is double d ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : outcome.ToString();

    /// <summary>Runs a sync probe and the variant from one thread the run starts, with <paramref name="localeName"/> as that thread's locale.</summary>
    private static (string Sync, VariantOutcome Variant) InThreadLocale(HeldOutRun r, string localeName, Func<string> sync, Func<Task<VariantOutcome>> variant)
    {
        long locale = r.Sync("Probe_newlocale", localeName);
        if (locale <= 0)
        {
            throw new InvalidOperationException(r.Row.Case.Id + ": the run could not make the locale " + localeName + " (" + AsyncSys.Errno.NameOf((int)-locale) + ")");
        }

        try
        {
            return OnOwnThread(r, _ =>
            {
                r.Sync("Probe_use_thread_locale", locale);
                try
                {
                    return (sync(), variant().GetAwaiter().GetResult());
                }
                finally
                {
                    r.Sync("Probe_use_thread_locale", (long)GlobalLocale);
                }
            });
        }
        finally
        {
            r.Sync("Probe_freelocale", locale);
        }
    }

    private static async Task WithLocale(HeldOutRun r, string name, Func<long, Task> body)
    {
        long locale = r.Sync("Probe_newlocale", name);
        if (locale <= 0)
        {
            throw new InvalidOperationException(r.Row.Case.Id + ": the run could not make the locale " + name + " (" + AsyncSys.Errno.NameOf((int)-locale) + ")");
        }

        try
        {
            await body(locale);
        }
        finally
        {
            r.Sync("Probe_freelocale", locale);
        }
    }

    private static string NewDirectory(HeldOutRun r, string name, int files)
    {
        string path = Path.Combine(r.Directory, name);
        Directory.CreateDirectory(path);
        for (int i = 0; i < files; i++)
        {
            File.WriteAllText(Path.Combine(path, "f" + i + ".txt"), "x");
        }

        Directory.CreateDirectory(Path.Combine(path, "sub"));
        File.WriteAllText(Path.Combine(path, "sub", "inner.txt"), "y");
        return path;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> StaticResultsRuns() => new()
    {
        ["pw.getpwnam_intptr"] = async r =>
        {
            ExpectSameText(r, "root's pw_name, read after the await", ProbeText(r, "Probe_getpwnam_name", "root"), PasswdNameText(await r.Async(("name", "root"))));
            ExpectSameText(r, "a name with no entry", ProbeText(r, "Probe_getpwnam_name", "h17-no-such-user"), PasswdNameText(await r.Async(("name", "h17-no-such-user"))));
        },
        ["pw.getpwuid_libraryimport_pointer"] = async r =>
        {
            ExpectSameText(r, "uid 0's pw_name, read after the await", LibraryImportProbeText(r, "Probe_getpwuid_name", 0u), PasswdNameText(await r.Async(("uid", 0u))));
            ExpectSameText(r, "a uid with no entry", LibraryImportProbeText(r, "Probe_getpwuid_name", 4_242_424u), PasswdNameText(await r.Async(("uid", 4_242_424u))));
        },
        ["pw.home_of_copied_ordinary"] = async r =>
        {
            ExpectSameText(r, "root's home, copied in the body", ProbeText(r, "Probe_home_of", "root"), StringResult(await r.Async(("name", "root"))));
            ExpectSameText(r, "a name with no entry (null)", ProbeText(r, "Probe_home_of", "h17-no-such-user"), StringResult(await r.Async(("name", "h17-no-such-user"))));
        },
        ["pw.entry_pointer_ordinary"] = async r =>
        {
            VariantOutcome outcome = await r.Async(("name", "root"));
            ExpectSameText(r, "root's entry, read after the await", ProbeText(r, "Probe_entry_of_name", "root"), PasswdNameText(outcome));
        },
        ["gr.group_name_r_ordinary"] = async r =>
        {
            VariantOutcome outcome = await r.Async(("gid", 0u));
            r.ExpectSame("group 0", r.Sync("Probe_group_name", 0u), outcome);
            ExpectSameText(r, "group 0's name", ProbeText(r, "Probe_group_name_text", 0u), StringMember(outcome, "name"));
            VariantOutcome missing = await r.Async(("gid", 4_242_424u));
            r.ExpectSame("a gid with no entry (0, no name)", r.Sync("Probe_group_name", 4_242_424u), missing);
            ExpectSameText(r, "a gid with no entry: the name", ProbeText(r, "Probe_group_name_text", 4_242_424u), StringMember(missing, "name"));
        },
        ["net.resolve_v4_h_errno_ordinary"] = async r =>
        {
            foreach (string name in new[] { "localhost", "127.0.0.2" })
            {
                VariantOutcome outcome = await r.Async(("name", name));
                r.ExpectSame(name + " (h_errno read in the body)", r.Sync("Probe_resolve", name), outcome);
                r.ExpectSame(name + ": the address", r.Sync("Probe_resolve_address", name), WithMember(outcome, "address"));
            }
        },
        ["inet.inet_ntoa_uint"] = async r =>
        {
            foreach (uint address in new[] { 0x0100007Fu, 0xFFFFFFFFu })
            {
                ExpectSameText(r, "inet_ntoa of 0x" + address.ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + ", read after the await",
                    ProbeText(r, "Probe_inet_ntoa", address), PointerText(await r.Async(("in", address))));
            }
        },
        ["inet.inet_ntop_arrays"] = async r =>
        {
            byte[] src = { 127, 0, 0, 1 }, a = new byte[16], b = new byte[16];
            VariantOutcome outcome = await r.Async(("af", 2), ("src", src), ("dst", b), ("size", 16u));
            r.ExpectSame("AF_INET 127.0.0.1 (the result points into dst)", (long)r.CallStatic(StaticLibraryImportProbes, "Probe_inet_ntop", 2, src, a, 16u)!, IsSet(outcome));
            r.ExpectBytes("the text written into dst", a, b);
            r.ExpectSame("a 4-byte dst (ENOSPC)", (long)r.CallStatic(StaticLibraryImportProbes, "Probe_inet_ntop", 2, src, new byte[4], 4u)!,
                IsSet(await r.Async(("af", 2), ("src", src), ("dst", new byte[4]), ("size", 4u))));
        },
        ["tm.gmtime_r_ordinary"] = async r =>
        {
            VariantOutcome outcome = await r.Async(("time", FixedTime));
            r.ExpectSame("gmtime_r of 1700000000", r.Sync("Probe_break_down_utc", FixedTime), outcome);
            object? tm = ObjectMember(outcome, "tm");
            ExpectSameText(r, "the broken-down time", ProbeText(r, "Probe_break_down_utc_text", FixedTime), tm is null ? outcome.ToString() : ProbeText(r, "TmText", tm));
        },
        ["tm.asctime_r_ordinary"] = async r =>
        {
            ExpectSameText(r, "asctime_r of gmtime_r(1700000000)", ProbeText(r, "Probe_utc_text", FixedTime), StringResult(await r.Async(("time", FixedTime))));
        },
        ["tm.ctime_copied_ordinary"] = async r =>
        {
            ExpectSameText(r, "ctime of 1700000000 in the process's zone, copied in the body", ProbeText(r, "Probe_local_text", FixedTime), StringResult(await r.Async(("time", FixedTime))));
        },
        ["tm.strftime_thread_locale_ordinary"] = async r =>
        {
            byte[] a = new byte[64], b = new byte[64];
            r.ExpectSame("%Y-%m-%d %H:%M of 1700000000", r.Sync("Probe_format_utc", a, "%Y-%m-%d %H:%M", FixedTime), await r.Async(("buffer", b), ("format", "%Y-%m-%d %H:%M"), ("time", FixedTime)));
            r.ExpectBytes("the formatted text", a, b);
        },
        ["tm.strftime_l_ordinary"] = r => WithLocale(r, "C.UTF-8", async locale =>
        {
            byte[] a = new byte[64], b = new byte[64];
            r.ExpectSame("%c of 1700000000 in C.UTF-8", r.Sync("Probe_format_utc_in", a, "%c", FixedTime, locale),
                await r.Async(("buffer", b), ("format", "%c"), ("time", FixedTime), ("locale", (nint)locale)));
            r.ExpectBytes("the formatted text", a, b);
            r.ExpectSame("a 4-byte buffer (0)", r.Sync("Probe_format_utc_in", new byte[4], "%c", FixedTime, locale),
                await r.Async(("buffer", new byte[4]), ("format", "%c"), ("time", FixedTime), ("locale", (nint)locale)));
        }),
        ["tty.ttyname_static"] = async r =>
        {
            int fd = r.OpenFile("h17-not-a-tty", new byte[] { 1 });
            ExpectSameText(r, "a regular file (ENOTTY)", ProbeText(r, "Probe_ttyname", fd), PointerText(await r.Async(("fd", fd))));
            long master = r.Sync("Probe_open_pty");
            if (master < 0)
            {
                r.Row.Notes.Add("no pseudo-terminal here (" + AsyncSys.Errno.NameOf((int)-master) + "): only ENOTTY compared");
                return;
            }

            try
            {
                string slave = ProbeText(r, "Probe_ptsname", (int)master);
                long s = r.Sync("Probe_open", slave);
                try
                {
                    ExpectSameText(r, "a pseudo-terminal's slave, read after the await", ProbeText(r, "Probe_ttyname", (int)s), PointerText(await r.Async(("fd", (int)s))));
                }
                finally
                {
                    r.Sync("Probe_close", (int)s);
                }
            }
            finally
            {
                r.Sync("Probe_close", (int)master);
            }
        },
        ["tty.ptsname_static"] = async r =>
        {
            int fd = r.OpenFile("h17-not-a-pty", new byte[] { 1 });
            ExpectSameText(r, "a regular file", ProbeText(r, "Probe_ptsname", fd), PointerText(await r.Async(("fd", fd))));
            long master = r.Sync("Probe_open_pty");
            if (master < 0)
            {
                r.Row.Notes.Add("no pseudo-terminal here (" + AsyncSys.Errno.NameOf((int)-master) + "): only a regular file compared");
                return;
            }

            try
            {
                ExpectSameText(r, "a pseudo-terminal master, read after the await", ProbeText(r, "Probe_ptsname", (int)master), PointerText(await r.Async(("fd", (int)master))));
            }
            finally
            {
                r.Sync("Probe_close", (int)master);
            }
        },
        ["tty.getlogin_static"] = async r =>
        {
            ExpectSameText(r, "getlogin (no controlling terminal's login here, most likely)", ProbeText(r, "Probe_getlogin"), PointerText(await r.Async()));
        },
        ["dir.readdir_stream_buffer"] = async r =>
        {
            string path = NewDirectory(r, "h17-readdir", 3);
            long a = r.Sync("Probe_opendir", path), b = r.Sync("Probe_opendir", path);
            try
            {
                for (int i = 0; i < 7; i++)
                {
                    VariantOutcome outcome = await r.Async(("dirp", (nint)b));
                    string variant = outcome is { Errno: null or 0, Other: null, Number: 0 or null } ? "end" : PointerText(outcome, 19);
                    ExpectSameText(r, "entry " + i + "'s d_name, read after the await", ProbeText(r, "Probe_readdir_name", a), variant);
                }
            }
            finally
            {
                r.Sync("Probe_closedir", a);
                r.Sync("Probe_closedir", b);
            }
        },
        ["dir.next_name_copied_ordinary"] = async r =>
        {
            string path = NewDirectory(r, "h17-next-name", 3);
            long a = r.Sync("Probe_opendir", path), b = r.Sync("Probe_opendir", path);
            try
            {
                for (int i = 0; i < 7; i++)
                {
                    ExpectSameText(r, "entry " + i + "'s name, copied in the body", ProbeText(r, "Probe_next_name", a), StringResult(await r.Async(("dirp", (nint)b))));
                }
            }
            finally
            {
                r.Sync("Probe_closedir", a);
                r.Sync("Probe_closedir", b);
            }
        },
        ["str.strtok_hidden_state"] = async r =>
        {
            long a = r.Sync("Probe_alloc_text", "a,b;;c"), b = r.Sync("Probe_alloc_text", "a,b;;c");
            try
            {
                var sync = new List<long> { r.Sync("Probe_strtok", a, ",;") };
                while (sync[^1] != 0)
                {
                    sync.Add(r.Sync("Probe_strtok", 0L, ",;"));
                }

                var variant = new List<long?> { (await r.Async(("str", (nint)b), ("delim", ",;"))).Normalized };
                while (variant[^1] is long v && v != 0 && variant.Count < 8)
                {
                    variant.Add((await r.Async(("str", (nint)0), ("delim", ",;"))).Normalized);
                }

                ExpectSameText(r, "the token offsets of \"a,b;;c\" (the save pointer is the library's, between calls)",
                    string.Join(" ", sync.Select(t => t == 0 ? "end" : (t - a).ToString(System.Globalization.CultureInfo.InvariantCulture))),
                    string.Join(" ", variant.Select(t => t is 0 ? "end" : t is long p ? (p - b).ToString(System.Globalization.CultureInfo.InvariantCulture) : "?")));
            }
            finally
            {
                r.Sync("Probe_free", a);
                r.Sync("Probe_free", b);
            }
        },
        ["str.count_tokens_r_ordinary"] = async r =>
        {
            r.ExpectSame("tokens of \"a,b;;c\"", r.Sync("Probe_count_tokens", "a,b;;c", ",;"), await r.Async(("text", "a,b;;c"), ("delim", ",;")));
            r.ExpectSame("tokens of \"\"", r.Sync("Probe_count_tokens", "", ","), await r.Async(("text", ""), ("delim", ",")));
        },
        ["tmp.tmpnam_null"] = async r =>
        {
            string sync = ProbeText(r, "Probe_tmpnam");
            string variant = PointerText(await r.Async(("s", (nint)0)));
            ExpectSameText(r, "tmpnam(NULL)'s directory, read after the await", Path.GetDirectoryName(sync) ?? sync, Path.GetDirectoryName(variant) ?? variant);
        },
        ["loc.nl_langinfo_thread"] = r =>
        {
            (string sync, VariantOutcome variant) = InThreadLocale(r, "C.UTF-8", () => ProbeText(r, "Probe_nl_langinfo", CodesetItem), () => r.Async(("item", CodesetItem)));
            ExpectSameText(r, "CODESET on a thread using C.UTF-8", sync, PointerText(variant));
            return Task.CompletedTask;
        },
        ["loc.codeset_of_locale_ordinary"] = r => WithLocale(r, "C.UTF-8", async utf8 =>
        {
            ExpectSameText(r, "CODESET of C.UTF-8", ProbeText(r, "Probe_codeset_of", utf8), StringResult(await r.Async(("locale", (nint)utf8))));
            await WithLocale(r, "C", async c =>
                ExpectSameText(r, "CODESET of C", ProbeText(r, "Probe_codeset_of", c), StringResult(await r.Async(("locale", (nint)c)))));
        }),
        ["loc.uselocale_thread"] = r =>
        {
            (string sync, VariantOutcome variant) = InThreadLocale(r, "C.UTF-8",
                () => r.Sync("Probe_uselocale_query").ToString(System.Globalization.CultureInfo.InvariantCulture), () => r.Async(("newloc", (nint)0)));
            ExpectSameText(r, "uselocale(0) (a query) on a thread using C.UTF-8: its locale object", sync, variant.Normalized?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? variant.ToString());
            return Task.CompletedTask;
        },
        ["loc.newlocale_object"] = async r =>
        {
            VariantOutcome made = await r.Async(("category_mask", LcAllMask), ("locale", "C.UTF-8"), ("base", (nint)0));
            r.ExpectSame("C.UTF-8 (a locale object)", r.Sync("Probe_newlocale_wrapper", LcAllMask, "C.UTF-8"), IsSet(made));
            if (made.Number is long l and not 0)
            {
                r.Sync("Probe_freelocale", l);
            }

            // One missing name per side: glibc remembers a locale it failed to load, and a second newlocale of that name fails
            // with errno untouched (0), as a check on this machine showed.
            r.ExpectSame("a locale the system does not have (ENOENT)", r.Sync("Probe_newlocale_wrapper", LcAllMask, "h17_NO.SYNC"),
                IsSet(await r.Async(("category_mask", LcAllMask), ("locale", "h17_NO.ASYNC"), ("base", (nint)0))));
        },
        ["loc.strtod_thread_locale"] = r =>
        {
            (string sync, VariantOutcome variant) = InThreadLocale(r, "C.UTF-8", () => ProbeText(r, "Probe_strtod", "1.5e3"), () => r.Async(("nptr", "1.5e3"), ("endptr", (nint)0)));
            ExpectSameText(r, "strtod(\"1.5e3\") on a thread using C.UTF-8", sync, DoubleText(variant));
            return Task.CompletedTask;
        },
        ["loc.parse_in_locale_ordinary"] = r => WithLocale(r, "C.UTF-8", async locale =>
        {
            ExpectSameText(r, "strtod_l(\"1.5e3\") in C.UTF-8", ProbeText(r, "Probe_parse_in", "1.5e3", locale), DoubleText(await r.Async(("text", "1.5e3"), ("locale", (nint)locale))));
            ExpectSameText(r, "strtod_l(\"x\") (0)", ProbeText(r, "Probe_parse_in", "x", locale), DoubleText(await r.Async(("text", "x"), ("locale", (nint)locale))));
        }),
        ["loc.strcoll_thread_locale"] = r =>
        {
            (string sync, VariantOutcome variant) = InThreadLocale(r, "C.UTF-8",
                () => ((long)r.CallStatic(StaticLibraryImportProbes, "Probe_strcoll", "a", "b")!).ToString(System.Globalization.CultureInfo.InvariantCulture), () => r.Async(("s1", "a"), ("s2", "b")));
            ExpectSameText(r, "strcoll(\"a\", \"b\")'s sign on a thread using C.UTF-8", sync, variant.Normalized is long n ? Math.Sign(n).ToString(System.Globalization.CultureInfo.InvariantCulture) : variant.ToString());
            return Task.CompletedTask;
        },
        ["loc.strcoll_l_explicit"] = r => WithLocale(r, "C.UTF-8", async locale =>
        {
            foreach ((string a, string b) in new[] { ("a", "b"), ("b", "a"), ("same", "same") })
            {
                VariantOutcome outcome = await r.Async(("s1", a), ("s2", b), ("locale", (nint)locale));
                r.ExpectSame("strcoll_l(\"" + a + "\", \"" + b + "\")'s sign", (long)r.CallStatic(StaticLibraryImportProbes, "Probe_strcoll_l", a, b, locale)!,
                    outcome.Number is long n ? outcome with { Number = Math.Sign(n) } : outcome);
            }
        }),
        ["loc.setlocale_query_static"] = async r =>
        {
            ExpectSameText(r, "setlocale(LC_ALL, NULL) (a query), read after the await", ProbeText(r, "Probe_setlocale_query", LcAll), PointerText(await r.Async(("category", LcAll), ("locale", null))));
            ExpectSameText(r, "setlocale(LC_CTYPE, NULL)", ProbeText(r, "Probe_setlocale_query", LcCtype), PointerText(await r.Async(("category", LcCtype), ("locale", null))));
        },
        ["loc.query_locale_copied_ordinary"] = async r =>
        {
            ExpectSameText(r, "the process's LC_ALL, copied in the body", ProbeText(r, "Probe_query_locale", LcAll), StringResult(await r.Async(("category", LcAll))));
            ExpectSameText(r, "an unknown category (NULL)", ProbeText(r, "Probe_query_locale", 99), StringResult(await r.Async(("category", 99))));
        },
        ["env.getenv_intptr"] = async r =>
        {
            ExpectSameText(r, "PATH, read after the await", ProbeText(r, "Probe_getenv", "PATH"), PointerText(await r.Async(("name", "PATH"))));
            ExpectSameText(r, "a variable nobody set (NULL)", ProbeText(r, "Probe_getenv", "ASYNCSYS_H17_UNSET") is "(null)" ? "E0" : "set",
                PointerText(await r.Async(("name", "ASYNCSYS_H17_UNSET"))));
        },
        ["env.setenv_overwrite_default"] = async r =>
        {
            // Only names setenv refuses: the test host's environment is not changed.
            r.ExpectSame("an empty name (EINVAL)", r.Sync("Probe_setenv", "", "x"), await r.Async(("name", ""), ("value", "x")));
            r.ExpectSame("a name with '=' (EINVAL)", r.Sync("Probe_setenv", "H17=X", "x"), await r.Async(("name", "H17=X"), ("value", "x")));
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> CallbacksRuns() => new()
    {
        ["cb.qsort_delegate_array"] = async r =>
        {
            int[] a = { 5, -3, 9, 0, 7, -3 }, b = (int[])a.Clone();
            object comparer = r.CallStatic("HeldOut.Callbacks.Comparers", "AscendingDelegate")!;
            r.ExpectSame("qsort with a marshalled delegate", r.Sync("Probe_qsort_array", a), await r.Async(("base", b), ("nmemb", (nuint)b.Length), ("size", (nuint)4), ("compar", comparer)));
            ExpectSameText(r, "the sorted array", string.Join(",", a), string.Join(",", b));
        },
        ["cb.sort_unmanaged_callers_only_ordinary"] = async r =>
        {
            int[] a = { 5, -3, 9, 0, 7, -3 }, b = (int[])a.Clone();
            r.ExpectSame("qsort with an [UnmanagedCallersOnly] comparer", r.Sync("Probe_sort", a), await r.Async(("values", b)));
            ExpectSameText(r, "the sorted array", string.Join(",", a), string.Join(",", b));
        },
        ["cb.sort_with_comparison_delegate_ordinary"] = async r =>
        {
            int[] a = { 5, -3, 9, 0, 7, -3 }, b = (int[])a.Clone();
            Comparison<int> descending = (x, y) => y.CompareTo(x);
            r.ExpectSame("qsort through GetFunctionPointerForDelegate", r.Sync("Probe_sort_descending", a), await r.Async(("values", b), ("comparison", descending)));
            ExpectSameText(r, "the sorted array (descending)", string.Join(",", a), string.Join(",", b));
        },
        ["cb.bsearch_index_ordinary"] = async r =>
        {
            int[] sorted = { -3, 0, 5, 7, 9 };
            foreach (int key in new[] { 7, -3, 4 })
            {
                r.ExpectSame("bsearch for " + key, r.Sync("Probe_index_of", sorted, key), await r.Async(("sorted", sorted), ("key", key)));
            }
        },
        ["cb.nftw_count_ordinary"] = async r =>
        {
            string path = NewDirectory(r, "h17-nftw", 4);
            r.ExpectSame("entries under a directory the run made (FTW_PHYS)", r.Sync("Probe_count_entries", path, 1), await r.Async(("path", path), ("flags", 1)));
            string missing = Path.Combine(r.Directory, "h17-nftw-missing");
            r.ExpectSame("a missing directory (ENOENT)", r.Sync("Probe_count_entries", missing, 1), await r.Async(("path", missing), ("flags", 1)));
        },
        ["cb.scandir_out_namelist"] = async r =>
        {
            string path = NewDirectory(r, "h17-scandir", 3);
            VariantOutcome outcome = await r.Async(("dirp", path), ("filter", (nint)0), ("compar", (nint)0));
            r.ExpectSame("scandir of a directory the run made", r.Sync("Probe_scandir", path), outcome);
            if (outcome.Normalized is long n and > 0 && HeldOutRun.Member(outcome.Result, "namelist") is long list and not 0)
            {
                r.Sync("Probe_free_namelist", list, n);
            }

            string missing = Path.Combine(r.Directory, "h17-scandir-missing");
            r.ExpectSame("a missing directory (ENOENT)", r.Sync("Probe_scandir", missing), await r.Async(("dirp", missing), ("filter", (nint)0), ("compar", (nint)0)));
        },
        ["cb.glob_count_ordinary"] = async r =>
        {
            string path = NewDirectory(r, "h17-glob", 5);
            r.ExpectSame("*.txt in a directory the run made", r.Sync("Probe_count_matches", Path.Combine(path, "*.txt")), await r.Async(("pattern", Path.Combine(path, "*.txt"))));
            r.ExpectSame("no match (-GLOB_NOMATCH)", r.Sync("Probe_count_matches", Path.Combine(path, "*.none")), await r.Async(("pattern", Path.Combine(path, "*.none"))));
        },
        ["cb.dl_iterate_phdr_ordinary"] = async r =>
        {
            r.ExpectSame("libc.so.6 among the loaded objects", r.Sync("Probe_has_libc"), await r.Async());
        },
        ["cb.pthread_once_ordinary"] = async r =>
        {
            long a = r.Sync("Probe_alloc_once"), b = r.Sync("Probe_alloc_once");
            try
            {
                long before = r.Sync("Probe_initialized");
                r.ExpectSame("pthread_once on a fresh control", r.Sync("Probe_run_once", a), await r.Async(("control", (nint)b)));
                r.ExpectSame("pthread_once again (nothing runs)", r.Sync("Probe_run_once", a), await r.Async(("control", (nint)b)));
                r.ExpectSame("the routine ran once per control", 2, new VariantOutcome(null, r.Sync("Probe_initialized") - before, null, null));
            }
            finally
            {
                r.Sync("Probe_free_native", a);
                r.Sync("Probe_free_native", b);
            }
        },
        ["sig.signal_handler_nint"] = async r =>
        {
            // Only signals signal(2) refuses: no disposition of the test host changes.
            r.ExpectSame("signal 0 (EINVAL)", r.Sync("Probe_signal", 0, 1L), await r.Async(("signum", 0), ("handler", (nint)1)));
            r.ExpectSame("SIGKILL (EINVAL)", r.Sync("Probe_signal", 9, 1L), await r.Async(("signum", 9), ("handler", (nint)1)));
            r.ExpectSame("signal 65 (EINVAL)", r.Sync("Probe_signal", 65, 1L), await r.Async(("signum", 65), ("handler", (nint)1)));
        },
        ["sig.query_handler_ordinary"] = async r =>
        {
            foreach (int signum in new[] { 12, 17, 0 })
            {
                VariantOutcome outcome = await r.Async(("signum", signum));
                r.ExpectSame("sigaction(" + signum + ", NULL, &old) (a query)", r.Sync("Probe_query_handler", signum), outcome);
                if (signum != 0)
                {
                    r.ExpectSame("signal " + signum + "'s handler", r.Sync("Probe_query_handler_value", signum), WithMember(outcome, "handler"));
                }
            }
        },
    };
}
