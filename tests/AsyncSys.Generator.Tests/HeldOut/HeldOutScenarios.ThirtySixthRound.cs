using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the thirty-sixth blind round (TempFiles.case, SessionControl.case), written with the case files,
/// before the generator was run on them. Each side has its own templates, buffers and files in the run's directory; what the
/// caller reads back after the await (the rewritten template, the resolved name, the working directory, the load averages,
/// the configuration string) is compared with what the synchronous wrapper left. Process-group calls act only on children
/// the run starts in a group of their own (signal 0 only; killed and reaped after) or answer errors (ENOTTY on the run's
/// regular file, EBADF on a descriptor never open, ESRCH, EINVAL); setsid and a tcsetpgrp that succeeds are not run.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const string TempFilesProbeType = "HeldOut.TempFiles.TempFilesProbes";
    private const string SessionControlProbeType = "HeldOut.SessionControl.SessionControlProbes";
    private const int OCloexec36 = 0x80000;

    private static Dictionary<string, (string, string)> WithThirtySixthRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["TempFiles"] = (HeldOutProbes.TempFiles, "");
        probes["SessionControl"] = (HeldOutProbes.SessionControl, "");
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithThirtySixthRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in TempFilesRuns().Concat(SessionControlRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    /// <summary>An address result as the probes give it: 1 for not NULL.</summary>
    private static VariantOutcome Address36(VariantOutcome v) => v.Other is null && v.Errno is null && v.Number is long p && p != 0 ? v with { Number = 1 } : v;

    /// <summary>A descriptor result as 1 (closed here) when above 2; one at or below 2 is left open and reported.</summary>
    private static long Descriptor36(HeldOutRun r, long fd)
    {
        if (fd < 0)
        {
            return fd;
        }

        if (fd <= 2)
        {
            r.Row.Problems.Add("descriptor " + fd + " returned, which the run leaves open");
            return fd;
        }

        r.Sync("Probe_close", (int)fd);
        return 1;
    }

    /// <summary>Whether a template rewritten with a suffix names a new entry: prefix, six characters not all X, the suffix.</summary>
    private static string MadeWithSuffix36(string template, string prefix, string suffix, Func<string, bool> exists) =>
        template.StartsWith(prefix, StringComparison.Ordinal) && template.EndsWith(suffix, StringComparison.Ordinal) && template.Length == prefix.Length + 6 + suffix.Length
            && template.Substring(prefix.Length, 6) != "XXXXXX" && exists(template) ? "made" : "not made (template '" + template + "')";

    private static Dictionary<string, Func<HeldOutRun, Task>> TempFilesRuns() => new()
    {
        ["tmp.mkostemp_cloexec_bytes"] = async r =>
        {
            string a = Path.Combine(r.Directory, "h36-ostemp-a-"), b = Path.Combine(r.Directory, "h36-ostemp-b-");
            byte[] syncTemplate = Template(a + "XXXXXX"), asyncTemplate = Template(b + "XXXXXX");
            long sync = r.Sync("Probe_tmp_mkostemp", syncTemplate, OCloexec36);
            VariantOutcome outcome = await r.Async(("template", asyncTemplate), ("flags", OCloexec36));
            long syncFlags = sync > 2 ? r.Sync("Probe_fd_flags", (int)sync) : sync;
            long asyncFlags = outcome.Number is long fd && fd > 2 ? r.Sync("Probe_fd_flags", (int)fd) : -1;
            r.ExpectSame("mkostemp O_CLOEXEC: a descriptor (1)", Descriptor36(r, sync), outcome.Number is long d ? outcome with { Number = Descriptor36(r, d) } : outcome);
            r.ExpectSame("the descriptor's FD_CLOEXEC", syncFlags, new VariantOutcome(null, asyncFlags, null, null));
            ExpectSameText(r, "the template, rewritten in place, names the new file", MadeText(TemplateText(syncTemplate), a, File.Exists), MadeText(TemplateText(asyncTemplate), b, File.Exists));
            byte[] badSync = Template(a + "no-x"), badAsync = Template(b + "no-x");
            r.ExpectSame("a template without XXXXXX (EINVAL)", r.Sync("Probe_tmp_mkostemp", badSync, OCloexec36), await r.Async(("template", badAsync), ("flags", OCloexec36)));
        },
        ["tmp.mkstemps_suffix_bytes"] = async r =>
        {
            string a = Path.Combine(r.Directory, "h36-stemps-a-"), b = Path.Combine(r.Directory, "h36-stemps-b-");
            byte[] syncTemplate = Template(a + "XXXXXX.log"), asyncTemplate = Template(b + "XXXXXX.log");
            long sync = r.Sync("Probe_tmp_mkstemps", syncTemplate, 4);
            VariantOutcome outcome = await r.Async(("template", asyncTemplate), ("suffixlen", 4));
            r.ExpectSame("mkstemps with a 4-byte suffix: a descriptor (1)", Descriptor36(r, sync), outcome.Number is long d ? outcome with { Number = Descriptor36(r, d) } : outcome);
            ExpectSameText(r, "the template, rewritten before its suffix", MadeWithSuffix36(TemplateText(syncTemplate), a, ".log", File.Exists), MadeWithSuffix36(TemplateText(asyncTemplate), b, ".log", File.Exists));
            byte[] badSync = Template(a + "XXXXXX.log"), badAsync = Template(b + "XXXXXX.log");
            r.ExpectSame("suffixlen 5: the X's not where expected (EINVAL)", r.Sync("Probe_tmp_mkstemps", badSync, 5), await r.Async(("template", badAsync), ("suffixlen", 5)));
            ExpectSameText(r, "the template after EINVAL", TemplateText(badSync).Substring(a.Length), TemplateText(badAsync).Substring(b.Length));
        },
        ["tmp.mkdtemp_span_ordinary_returns_address"] = async r =>
        {
            string a = Path.Combine(r.Directory, "h36-dtemp-a-"), b = Path.Combine(r.Directory, "h36-dtemp-b-");
            byte[] syncTemplate = Template(a + "XXXXXX"), asyncTemplate = Template(b + "XXXXXX");
            r.ExpectSame("mkdtemp into the caller's span: not NULL (1)", r.Sync("Probe_tmp_mkdtemp", syncTemplate), Address36(await r.Async(("template", asyncTemplate))));
            ExpectSameText(r, "the template, rewritten in place, names the new directory", MadeText(TemplateText(syncTemplate), a, Directory.Exists), MadeText(TemplateText(asyncTemplate), b, Directory.Exists));
            byte[] badSync = Template(a + "no-x"), badAsync = Template(b + "no-x");
            r.ExpectSame("a template without XXXXXX (EINVAL)", r.Sync("Probe_tmp_mkdtemp", badSync), Address36(await r.Async(("template", badAsync))));
        },
        ["tmp.realpath_pathmax_ordinary"] = async r =>
        {
            Directory.CreateDirectory(Path.Combine(r.Directory, "h36-sub"));
            string path = Path.Combine(r.Directory, "h36-sub", "..", ".", "h36-sub");
            byte[] syncResolved = new byte[4096], asyncResolved = new byte[4096];
            r.ExpectSame("a path with .. and . (PATH_MAX buffer)", r.Sync("Probe_tmp_resolve", path, syncResolved), Address36(await r.Async(("path", path), ("resolved", asyncResolved))));
            ExpectSameText(r, "the resolved name in the caller's array", TemplateText(syncResolved), TemplateText(asyncResolved));
            r.ExpectSame("a missing path (ENOENT)", r.Sync("Probe_tmp_resolve", path + "-missing", new byte[4096]), Address36(await r.Async(("path", path + "-missing"), ("resolved", new byte[4096]))));
            r.ExpectSame("a 16-byte array (ERANGE, no call)", r.Sync("Probe_tmp_resolve", path, new byte[16]), Address36(await r.Async(("path", path), ("resolved", new byte[16]))));
        },
        ["tmp.realpath_null_libraryimport"] = async r =>
        {
            Directory.CreateDirectory(Path.Combine(r.Directory, "h36-null"));
            string path = Path.Combine(r.Directory, "h36-null", "..", "h36-null");
            long sync = r.Sync("Probe_tmp_realpath_alloc", path);
            VariantOutcome outcome = await r.Async(("path", path), ("resolved", (nint)0));
            string syncText = sync > 0 ? (string)r.CallStatic(TempFilesProbeType, "TakeText", sync)! : "E" + -sync;
            string asyncText = outcome.Other is null && outcome.Errno is null && outcome.Number is long p && p != 0 ? (string)r.CallStatic(TempFilesProbeType, "TakeText", p)! : outcome.ToString();
            ExpectSameText(r, "the resolved name in malloc'd memory (freed by the run)", syncText, asyncText);
            r.ExpectSame("a missing path (ENOENT)", r.Sync("Probe_tmp_realpath_alloc", path + "-missing"), await r.Async(("path", path + "-missing"), ("resolved", (nint)0)));
        },
        ["tmp.getcwd_span_ordinary_erange"] = async r =>
        {
            byte[] syncBuffer = new byte[4096], asyncBuffer = new byte[4096];
            r.ExpectSame("a 4096-byte span", r.Sync("Probe_tmp_getcwd", syncBuffer), Address36(await r.Async(("buf", asyncBuffer))));
            r.ExpectBytes("the working directory in the caller's span", syncBuffer, asyncBuffer);
            r.ExpectSame("a 2-byte span (ERANGE)", r.Sync("Probe_tmp_getcwd", new byte[2]), Address36(await r.Async(("buf", new byte[2]))));
        },
        ["tmp.fpathconf_neverfails"] = async r =>
        {
            int a = r.OpenFile("pc-a", Array.Empty<byte>()), b = r.OpenFile("pc-b", Array.Empty<byte>());
            foreach ((int name, string what) in new[] { (3, "_PC_NAME_MAX"), (4, "_PC_PATH_MAX"), (0, "_PC_LINK_MAX"), (19, "_PC_SYMLINK_MAX (no limit: -1, errno unchanged)"), (9999, "an unknown name (-1, EINVAL)") })
            {
                r.ExpectSame(what, r.Sync("Probe_tmp_fpathconf", a, name), await r.Async(("fd", b), ("name", name)));
            }

            r.ExpectSame("a descriptor not open (-1, EBADF)", r.Sync("Probe_tmp_fpathconf", HeldOutRun.NotAnOpenFd, 3), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("name", 3)));
        },
        ["tmp.getloadavg_double_array"] = async r =>
        {
            foreach (int nelem in new[] { 3, 1, 0 })
            {
                double[] syncLoads = Enumerable.Repeat(-7.0, 5).ToArray(), asyncLoads = Enumerable.Repeat(-7.0, 5).ToArray();
                r.ExpectSame("nelem " + nelem + ": the count", r.Sync("Probe_tmp_getloadavg", syncLoads, nelem), await r.Async(("loadavg", asyncLoads), ("nelem", nelem)));

                // The averages move between the two calls: compare which elements were written (not negative) and which were left.
                string Written(double[] loads) => string.Join(",", loads.Select(v => v == -7.0 ? "left" : v >= 0 ? "written" : "bad " + v));
                ExpectSameText(r, "nelem " + nelem + ": the elements the call wrote into the caller's array", Written(syncLoads), Written(asyncLoads));
            }
        },
        ["tmp.confstr_span_truncates"] = async r =>
        {
            foreach (int size in new[] { 4, 64 })
            {
                byte[] syncBuffer = new byte[size], asyncBuffer = new byte[size];
                r.ExpectSame("_CS_PATH into " + size + " bytes: the size needed", r.Sync("Probe_tmp_confstr", 0, syncBuffer), await r.Async(("name", 0), ("buf", asyncBuffer)));
                r.ExpectBytes("_CS_PATH into " + size + " bytes: the (truncated) value", syncBuffer, asyncBuffer);
            }

            r.ExpectSame("an unknown name (0)", r.Sync("Probe_tmp_confstr", 9999, new byte[8]), await r.Async(("name", 9999), ("buf", new byte[8])));
        },
    };

    /// <summary>A /bin/sleep child leading a process group of its own; killed through its pidfd and reaped when the test ends.</summary>
    private static int GroupChild36(HeldOutRun r)
    {
        long pid = r.Sync("Probe_spawn_group", "/bin/sleep", "30");
        if (pid <= 0)
        {
            throw new InvalidOperationException("posix_spawn /bin/sleep failed: " + pid + "; the run is wrong");
        }

        long pidfd = r.Sync("Probe_pidfd_open_raw", (int)pid);
        r.Track(new Undo(() =>
        {
            if (pidfd >= 0 && r.Sync("Probe_pidfd_kill", (int)pidfd) == 0)
            {
                r.Sync("Probe_reap", (int)pid);
            }

            if (pidfd >= 0)
            {
                r.Sync("Probe_close", (int)pidfd);
            }
        }));
        return (int)pid;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> SessionControlRuns() => new()
    {
        ["sess.getpgid_pid"] = async r =>
        {
            int a = GroupChild36(r), b = GroupChild36(r);
            long sync = r.Sync("Probe_sess_getpgid", a);
            VariantOutcome outcome = await r.Async(("pid", b));
            r.ExpectSame("a child leading its own group (0: the group is the child's pid)", sync - a, outcome.Number is long g ? outcome with { Number = g - b } : outcome);
            r.ExpectSame("the caller's own group (pid 0)", r.Sync("Probe_sess_getpgid", 0), await r.Async(("pid", 0)));
            r.ExpectSame("pid -1 (ESRCH)", r.Sync("Probe_sess_getpgid", -1), await r.Async(("pid", -1)));
        },
        ["sess.killpg_signal"] = async r =>
        {
            int a = GroupChild36(r), b = GroupChild36(r);
            if (a <= 64 || b <= 64)
            {
                // Signal 0 only; with a pid above 64, a variant that swapped the arguments asks for signal 'pid': EINVAL, nothing sent.
                r.Row.Runs.Add("not run: a child's pid is 64 or less (" + a + ", " + b + "), which a swapped variant would send as a signal");
                return;
            }

            r.ExpectSame("signal 0 to a child's own group", r.Sync("Probe_sess_killpg", a, 0), await r.Async(("pgrp", b), ("sig", 0)));
            r.ExpectSame("group -1 (EINVAL)", r.Sync("Probe_sess_killpg", -1, 0), await r.Async(("pgrp", -1), ("sig", 0)));
            r.ExpectSame("signal 0 to a child's group, signal -1 (EINVAL)", r.Sync("Probe_sess_killpg", a, -1), await r.Async(("pgrp", b), ("sig", -1)));
        },
        ["sess.tcgetpgrp_fd"] = async r =>
        {
            int a = r.OpenFile("tty-a", Array.Empty<byte>()), b = r.OpenFile("tty-b", Array.Empty<byte>());
            r.ExpectSame("a regular file (ENOTTY)", r.Sync("Probe_sess_tcgetpgrp", a), await r.Async(("fd", b)));
            r.ExpectSame("a descriptor not open (EBADF)", r.Sync("Probe_sess_tcgetpgrp", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
        },
        ["sess.tcsetpgrp_fd"] = async r =>
        {
            int a = r.OpenFile("tty-a", Array.Empty<byte>()), b = r.OpenFile("tty-b", Array.Empty<byte>());
            int group = (int)r.Sync("Probe_sess_getpgid", 0);
            r.ExpectSame("a regular file, the caller's group (ENOTTY)", r.Sync("Probe_sess_tcsetpgrp", a, group), await r.Async(("fd", b), ("pgrp", group)));
            r.ExpectSame("a descriptor not open (EBADF)", r.Sync("Probe_sess_tcsetpgrp", HeldOutRun.NotAnOpenFd, group), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("pgrp", group)));
        },
    };
}
