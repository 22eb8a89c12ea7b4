namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the seventeenth blind round (StaticResults.case, Callbacks.case), written with the case files before
/// the generator was run on them. Same convention: the call's result, or -errno; a call returning the error number gives
/// -that number. A result that points into storage the call reuses is read at once, as a synchronous caller does, and given
/// as text ("E" and the errno name's number for a failure). Nothing here changes the test host's process-wide state: setenv
/// and signal are only called with arguments they refuse, sigaction and setlocale only query.
/// </summary>
internal static partial class HeldOutProbes
{
    public const string StaticResults = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.StaticResults
        {
            public static unsafe class StaticResultsProbes
            {
                [DllImport("libc", EntryPoint = "gettid")] private static extern int gettid_for_runs();
                [DllImport("libc", EntryPoint = "close")] private static extern int close_for_runs(int fd);
                [DllImport("libc", EntryPoint = "open", SetLastError = true)] private static extern int open_for_runs(string path, int flags);
                [DllImport("libc", EntryPoint = "posix_openpt", SetLastError = true)] private static extern int posix_openpt_for_runs(int flags);
                [DllImport("libc", EntryPoint = "grantpt")] private static extern int grantpt_for_runs(int fd);
                [DllImport("libc", EntryPoint = "unlockpt")] private static extern int unlockpt_for_runs(int fd);
                [DllImport("libc", EntryPoint = "opendir", SetLastError = true)] private static extern nint opendir_for_runs(string name);
                [DllImport("libc", EntryPoint = "closedir")] private static extern int closedir_for_runs(nint dirp);
                [DllImport("libc", EntryPoint = "freelocale")] private static extern void freelocale_for_runs(nint locale);
                [DllImport("libc", EntryPoint = "newlocale", SetLastError = true)] private static extern nint newlocale_for_runs(int mask, string name, nint @base);
                [DllImport("libc", EntryPoint = "uselocale")] private static extern nint uselocale_for_runs(nint locale);

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                private static string? Text(nint p, int errno) => p == 0 ? "E" + errno : Marshal.PtrToStringUTF8(p);

                public static long Probe_gettid() => gettid_for_runs();
                public static long Probe_close(int fd) => close_for_runs(fd);
                public static long Probe_open_pty() { int fd = posix_openpt_for_runs(2 | 0x100); if (fd < 0) return -Marshal.GetLastPInvokeError(); grantpt_for_runs(fd); unlockpt_for_runs(fd); return fd; }
                public static long Probe_open(string path) => Check(open_for_runs(path, 2 | 0x100));
                public static long Probe_opendir(string name) { nint d = opendir_for_runs(name); return d == 0 ? -Marshal.GetLastPInvokeError() : d; }
                public static long Probe_closedir(long dirp) => closedir_for_runs((nint)dirp);
                public static long Probe_newlocale(string name) { nint l = newlocale_for_runs(0x1FBF, name, 0); return l == 0 ? -Marshal.GetLastPInvokeError() : l; }
                public static long Probe_freelocale(long locale) { freelocale_for_runs((nint)locale); return 0; }
                public static long Probe_use_thread_locale(long locale) => uselocale_for_runs((nint)locale);
                public static long Probe_alloc_text(string text) => Marshal.StringToCoTaskMemUTF8(text);
                public static long Probe_free(long p) { Marshal.FreeCoTaskMem((nint)p); return 0; }

                public static string? Probe_getpwnam_name(string name) { nint p = Users.getpwnam(name); return p == 0 ? "E" + Marshal.GetLastPInvokeError() : Marshal.PtrToStringUTF8(((Passwd*)p)->pw_name); }
                public static string? Probe_entry_name(long p) => p == 0 ? null : Marshal.PtrToStringUTF8(((Passwd*)p)->pw_name);
                public static string? Probe_home_of(string name) => Users.HomeOf(name);
                public static string? Probe_entry_of_name(string name) => Probe_entry_name(Users.EntryOf(name));
                public static long Probe_group_name(uint gid) => -Users.GroupName(gid, out _);
                public static string? Probe_group_name_text(uint gid) { Users.GroupName(gid, out string? name); return name; }

                public static long Probe_resolve(string name) => Hosts.ResolveV4(name, out _);
                public static long Probe_resolve_address(string name) { Hosts.ResolveV4(name, out uint a); return a; }
                public static string? Probe_inet_ntoa(uint address) => Marshal.PtrToStringUTF8(Hosts.inet_ntoa(address));

                public static long Probe_break_down_utc(long time) => Times.BreakDownUtc(time, out _);
                public static string Probe_break_down_utc_text(long time) { Times.BreakDownUtc(time, out Tm tm); return TmText(tm); }
                public static string TmText(Tm tm) => tm.tm_year + "-" + tm.tm_mon + "-" + tm.tm_mday + " " + tm.tm_hour + ":" + tm.tm_min + ":" + tm.tm_sec + " wday " + tm.tm_wday + " yday " + tm.tm_yday + " dst " + tm.tm_isdst + " off " + tm.tm_gmtoff + " " + Marshal.PtrToStringUTF8(tm.tm_zone);
                public static string? Probe_utc_text(long time) => Times.UtcText(time);
                public static string? Probe_local_text(long time) => Times.LocalText(time);
                public static long Probe_format_utc(byte[] buffer, string format, long time) => Times.FormatUtc(buffer, format, time);
                public static long Probe_format_utc_in(byte[] buffer, string format, long time, long locale) => Times.FormatUtcIn(buffer, format, time, (nint)locale);

                public static string? Probe_ttyname(int fd) { nint p = Terminals.ttyname(fd); return Text(p, Marshal.GetLastPInvokeError()); }
                public static string? Probe_ptsname(int fd) { nint p = Terminals.ptsname(fd); return Text(p, Marshal.GetLastPInvokeError()); }
                public static string? Probe_getlogin() { nint p = Terminals.getlogin(); return Text(p, Marshal.GetLastPInvokeError()); }

                public static string? Probe_readdir_name(long dirp) { nint p = Directories.readdir((nint)dirp); int e = Marshal.GetLastPInvokeError(); return p != 0 ? Marshal.PtrToStringUTF8(p + 19) : e == 0 ? "end" : "E" + e; }
                public static string? Probe_next_name(long dirp) => Directories.NextName((nint)dirp);

                public static long Probe_strtok(long str, string delim) => Strings.strtok((nint)str, delim);
                public static long Probe_count_tokens(string text, string delim) => Strings.CountTokens(text, delim);
                public static string? Probe_tmpnam() => Marshal.PtrToStringUTF8(Strings.tmpnam(0));

                public static string? Probe_nl_langinfo(int item) => Marshal.PtrToStringUTF8(Locales.nl_langinfo(item));
                public static string? Probe_codeset_of(long locale) => Locales.CodesetOf((nint)locale);
                public static long Probe_uselocale_query() => Locales.uselocale(0);
                public static long Probe_newlocale_wrapper(int mask, string name) { nint l = Locales.newlocale(mask, name, 0); if (l == 0) return -Marshal.GetLastPInvokeError(); freelocale_for_runs(l); return 1; }
                public static string Probe_strtod(string text) => Locales.strtod(text, 0).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                public static string Probe_parse_in(string text, long locale) => Locales.ParseIn(text, (nint)locale).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                public static string? Probe_setlocale_query(int category) => Marshal.PtrToStringUTF8(Locales.setlocale(category, null));
                public static string? Probe_query_locale(int category) => Locales.QueryLocale(category);

                public static string? Probe_getenv(string name) => Marshal.PtrToStringUTF8(Environment.getenv(name));
                public static long Probe_setenv(string name, string value) => Check(Environment.setenv(name, value));
            }
        }
        """;

    public const string StaticResultsLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.StaticResults
        {
            public static unsafe class StaticResultsLibraryImportProbes
            {
                public static string? Probe_getpwuid_name(uint uid) { Passwd* p = Users.getpwuid(uid); return p == null ? "E" + Marshal.GetLastPInvokeError() : Marshal.PtrToStringUTF8(p->pw_name); }
                public static long Probe_inet_ntop(int af, byte[] src, byte[] dst, uint size) => Hosts.inet_ntop(af, src, dst, size) == 0 ? -Marshal.GetLastPInvokeError() : 1;
                public static long Probe_strcoll(string a, string b) => Math.Sign(Locales.strcoll(a, b));
                public static long Probe_strcoll_l(string a, string b, long locale) => Math.Sign(Locales.strcoll_l(a, b, (nint)locale));
            }
        }
        """;

    public const string Callbacks = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Callbacks
        {
            public static unsafe class CallbacksProbes
            {
                [DllImport("libc", EntryPoint = "free")] private static extern void free_for_runs(nint p);

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_qsort_array(int[] values) { Sorting.qsort_array(values, (nuint)values.Length, sizeof(int), Comparers.AscendingDelegate()); return 0; }
                public static long Probe_sort(int[] values) { Sorting.Sort(values); return 0; }
                public static long Probe_sort_descending(int[] values) { Sorting.SortWith(values, (a, b) => b.CompareTo(a)); return 0; }
                public static long Probe_index_of(int[] sorted, int key) => Sorting.IndexOf(sorted, key);

                public static long Probe_count_entries(string path, int flags) => Check(Walking.CountEntries(path, flags));
                public static long Probe_scandir(string path) { int n = Walking.scandir(path, out nint list, 0, 0); if (n < 0) return -Marshal.GetLastPInvokeError(); Probe_free_namelist(list, n); return n; }
                public static long Probe_free_namelist(long list, long count) { for (long i = 0; i < count; i++) free_for_runs(((nint*)list)[i]); free_for_runs((nint)list); return 0; }
                public static long Probe_count_matches(string pattern) => Walking.CountMatches(pattern);
                public static long Probe_has_libc() => Loaded.HasLibc();

                public static long Probe_alloc_once() => (nint)NativeMemory.AllocZeroed(64);
                public static long Probe_free_native(long p) { NativeMemory.Free((void*)p); return 0; }
                public static long Probe_run_once(long control) => -Once.RunOnce((nint)control);
                public static long Probe_initialized() => Once.Initialized;

                public static long Probe_signal(int signum, long handler) => Check(Signals.signal(signum, (nint)handler));
                public static long Probe_query_handler(int signum) => Check(Signals.QueryHandler(signum, out _));
                public static long Probe_query_handler_value(int signum) { int r = Signals.QueryHandler(signum, out nint h); return r < 0 ? -Marshal.GetLastPInvokeError() : h; }
            }
        }
        """;

}
