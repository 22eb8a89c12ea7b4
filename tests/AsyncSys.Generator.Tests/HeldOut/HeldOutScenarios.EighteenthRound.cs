using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the eighteenth blind round (Allocations.case, Transfers.case), written with the case files, before
/// the generator was run on them. Memory a call hands back is read after the variant's await and freed once by the run (the
/// sync probe reads and frees its own at once); a template the call rewrites, a line buffer it reallocates through cells the
/// run owns, offsets it advances in cells the run owns, and descriptors received over a socket are compared after the await.
/// Each side has its own file, stream, pipe, cell or socket pair, so neither sees the other's effect. getline's end of file
/// is -1 with errno untouched: "end" on both sides, never an error. Received descriptors are closed exactly once, by the run.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const string AllocProbes = "HeldOut.Allocations.AllocationsProbes";
    private const string AllocLibraryImportProbes = "HeldOut.Allocations.AllocationsLibraryImportProbes";
    private const string TransferProbes = "HeldOut.Transfers.TransfersProbes";
    private const string TransferLibraryImportProbes = "HeldOut.Transfers.TransfersLibraryImportProbes";
    private const int ORdOnly = 0, OCloexecFlag = 0x80000;
    private const int CsPath = 0, CsGnuLibcVersion = 2, FadvNormal = 0, FadvWillNeed = 3;

    private static Dictionary<string, (string, string)> WithEighteenthRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Allocations"] = (HeldOutProbes.Allocations, HeldOutProbes.AllocationsLibraryImport);
        probes["Transfers"] = (HeldOutProbes.Transfers, HeldOutProbes.TransfersLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithEighteenthRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in AllocationsRuns().Concat(TransfersRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static string AllocText(HeldOutRun r, string method, params object?[] arguments) =>
        (string?)r.CallStatic(AllocProbes, method, arguments) ?? "(null)";

    /// <summary>A returned pointer to memory the caller owns: read after the await and freed once ("E" and the errno for a failure).</summary>
    private static string TakenText(HeldOutRun r, VariantOutcome outcome) =>
        outcome.Other is not null ? outcome.ToString()
        : outcome.Errno is int e ? "E" + e
        : outcome.Number is long p and not 0 ? AllocText(r, "Probe_take_text", p)
        : "E0";

    private static byte[] Template(string path) => Encoding.UTF8.GetBytes(path + "\0");

    private static string TemplateText(byte[] template) => Encoding.UTF8.GetString(template, 0, Array.IndexOf(template, (byte)0) is int z and >= 0 ? z : template.Length);

    /// <summary>What a rewritten template says: whether the call replaced the X's and made the named entry.</summary>
    private static string MadeText(string template, string prefix, Func<string, bool> exists) =>
        template.StartsWith(prefix, StringComparison.Ordinal) && !template.EndsWith("XXXXXX", StringComparison.Ordinal) && template.Length == prefix.Length + 6 && exists(template)
            ? "made" : "not made (template '" + template + "')";

    private static (int A, int B) Pair(HeldOutRun r, string probes, string probe)
    {
        long pair = (long)r.CallStatic(probes, probe)!;
        if (pair < 0)
        {
            throw new InvalidOperationException(r.Row.Case.Id + ": " + probe + " failed (" + AsyncSys.Errno.NameOf((int)-pair) + "); the run is wrong");
        }

        return ((int)(pair & 0xFFFFFFFF), (int)(pair >> 32));
    }

    /// <summary>
    /// A count past its array's end, or negative, is refused before anything runs (docs/declaring-wrappers.md: the kernel would
    /// go past the array's end; a negative count may be read as a huge size_t): ArgumentOutOfRangeException naming the count.
    /// </summary>
    private static void ExpectCountRefused(HeldOutRun r, string what, VariantOutcome variant, string parameter)
    {
        r.Row.Runs.Add(what + ": async " + variant);
        if (variant.Other is ArgumentOutOfRangeException refused && string.Equals(refused.ParamName, parameter, StringComparison.Ordinal))
        {
            r.Row.Notes.Add(what + ": refused at the call (ArgumentOutOfRangeException naming '" + parameter + "'), as documented for a count the array cannot hold");
        }
        else
        {
            r.Row.Problems.Add(what + ": the variant " + variant + " where it must throw ArgumentOutOfRangeException naming '" + parameter + "' (documented)");
        }
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> AllocationsRuns() => new()
    {
        ["alloc.canonicalize_file_name_nint"] = async r =>
        {
            string target = Path.Combine(r.Directory, "h18-canon-target"), link = Path.Combine(r.Directory, "h18-canon-link");
            File.WriteAllText(target, "x");
            File.CreateSymbolicLink(link, target);
            ExpectSameText(r, "a symbolic link, resolved (memory the caller frees)", AllocText(r, "Probe_canonicalize", link), TakenText(r, await r.Async(("path", link))));
            ExpectSameText(r, "a missing path (ENOENT)", AllocText(r, "Probe_canonicalize", link + "-missing"), TakenText(r, await r.Async(("path", link + "-missing"))));
        },
        ["alloc.canonicalize_marshalled_string_result"] = async r =>
        {
            string target = Path.Combine(r.Directory, "h18-canon-text");
            File.WriteAllText(target, "x");
            string dotted = Path.Combine(r.Directory, ".", "h18-canon-text");
            VariantOutcome outcome = await r.Async(("path", dotted));
            ExpectSameText(r, "a path with '.', resolved (the marshaller frees the C string)", AllocText(r, "Probe_canonical_text", dotted), outcome.Errno is int e ? "E" + e : StringResult(outcome));
            VariantOutcome missing = await r.Async(("path", target + "-missing"));
            ExpectSameText(r, "a missing path (ENOENT)", AllocText(r, "Probe_canonical_text", target + "-missing"), missing.Errno is int m ? "E" + m : StringResult(missing));
        },
        ["alloc.canonical_into_out_string_ordinary"] = async r =>
        {
            string target = Path.Combine(r.Directory, "h18-canon-into");
            File.WriteAllText(target, "x");
            VariantOutcome outcome = await r.Async(("path", target));
            ExpectSameText(r, "an existing path, copied and freed in the body", AllocText(r, "Probe_canonical_into", target), outcome.Errno is int e ? "E" + e : StringMember(outcome, "resolved"));
            VariantOutcome missing = await r.Async(("path", target + "-missing"));
            ExpectSameText(r, "a missing path (ENOENT)", AllocText(r, "Probe_canonical_into", target + "-missing"), missing.Errno is int m ? "E" + m : StringMember(missing, "resolved"));
        },
        ["alloc.get_current_dir_name"] = async r =>
        {
            ExpectSameText(r, "the working directory (memory the caller frees)", AllocText(r, "Probe_get_current_dir_name"), TakenText(r, await r.Async()));
        },
        ["alloc.getcwd_null_buffer_allocates"] = async r =>
        {
            // The variant may take the buffer as Memory<byte> (getcwd's buffer in the table), its length the size: NULL with size 0
            // is then empty memory, and NULL with a size of its own cannot be said.
            bool memory = r.ParameterType("buf")?.Contains("Memory", StringComparison.Ordinal) == true;
            ExpectSameText(r, "getcwd(NULL, 0): glibc allocates", AllocText(r, "Probe_getcwd_allocated", 0L), TakenText(r, await r.Async(("buf", memory ? null : (nint)0), ("size", (nuint)0))));
            if (memory)
            {
                r.Row.Notes.Add("the variant takes Memory<byte> for the nint buffer: getcwd(NULL, 1) cannot be asked");
                return;
            }

            ExpectSameText(r, "getcwd(NULL, 1): too small (ERANGE)", AllocText(r, "Probe_getcwd_allocated", 1L), TakenText(r, await r.Async(("buf", (nint)0), ("size", (nuint)1))));
        },
        ["alloc.strdup_nint"] = async r =>
        {
            ExpectSameText(r, "a copy of 'held-out 18' (memory the caller frees)", AllocText(r, "Probe_strdup", "held-out 18"), TakenText(r, await r.Async(("s", "held-out 18"))));
            ExpectSameText(r, "a copy of ''", AllocText(r, "Probe_strdup", ""), TakenText(r, await r.Async(("s", ""))));
        },
        ["alloc.strndup_libraryimport_utf8"] = async r =>
        {
            ExpectSameText(r, "the first 4 bytes of 'held-out'", (string)r.CallStatic(AllocLibraryImportProbes, "Probe_strndup", "held-out", 4L)!, TakenText(r, await r.Async(("s", "held-out"), ("n", (nuint)4))));
            ExpectSameText(r, "n beyond the string", (string)r.CallStatic(AllocLibraryImportProbes, "Probe_strndup", "abc", 64L)!, TakenText(r, await r.Async(("s", "abc"), ("n", (nuint)64))));
        },
        ["alloc.asprintf_out_pointer_import"] = async r =>
        {
            VariantOutcome outcome = await r.Async(("format", "%s=%d"), ("name", "answer"), ("value", 42));
            long? pointer = outcome.Other is null && outcome.Errno is null ? HeldOutRun.Member(outcome.Result, "strp") : null;
            string variant = outcome.Errno is int e ? "E" + e : outcome.Other is not null || pointer is null ? outcome.ToString() : outcome.Number + ":" + AllocText(r, "Probe_take_text", pointer.Value);
            ExpectSameText(r, "asprintf(&p, \"%s=%d\", \"answer\", 42): the count and the text the caller frees", AllocText(r, "Probe_asprintf", "%s=%d", "answer", 42), variant);
        },
        ["alloc.asprintf_copied_ordinary"] = async r =>
        {
            ExpectSameText(r, "asprintf in the body, copied and freed there", AllocText(r, "Probe_describe", "answer", 42), StringResult(await r.Async(("name", "answer"), ("value", 42))));
        },
        ["alloc.free_void_nint"] = async r =>
        {
            r.ExpectSame("free(NULL)", r.Sync("Probe_free", 0L), await r.Async(("ptr", (nint)0)));
            long a = r.Sync("Probe_strdup_raw", "freed by the variant");
            r.ExpectSame("free of strdup's memory", 0, await r.Async(("ptr", (nint)a)));
        },
        ["line.getline_cell_addresses"] = async r =>
        {
            string path = Path.Combine(r.Directory, "h18-lines");
            File.WriteAllText(path, "first line\n\nthird, longer than the first one: " + new string('x', 200) + "\nno newline at the end");
            long syncStream = r.Sync("Probe_fopen", path), asyncStream = r.Sync("Probe_fopen", path);
            long syncCells = r.Sync("Probe_alloc_zeroed", 16), asyncCells = r.Sync("Probe_alloc_zeroed", 16);
            try
            {
                for (int i = 0; i < 6; i++)
                {
                    string sync = AllocText(r, "Probe_getline_at", syncCells, syncStream);
                    VariantOutcome outcome = await r.Async(("lineptr", (nint)asyncCells), ("n", (nint)(asyncCells + 8)), ("stream", (nint)asyncStream));
                    string variant = outcome.Other is not null ? outcome.ToString()
                        : outcome.Errno is int e ? "E" + e
                        : outcome.Number is long n and >= 0 ? (string)r.CallStatic(AllocProbes, "LineText", asyncCells, n)!
                        : outcome.Number == -1 ? "end" : outcome.ToString();
                    ExpectSameText(r, "line " + i + " (the buffer the call reallocates, through the caller's cells)", sync, variant);
                }
            }
            finally
            {
                r.Sync("Probe_free_cell_pointer", syncCells);
                r.Sync("Probe_free_cell_pointer", asyncCells);
                r.Sync("Probe_free_native", syncCells);
                r.Sync("Probe_free_native", asyncCells);
                r.Sync("Probe_fclose", syncStream);
                r.Sync("Probe_fclose", asyncStream);
            }
        },
        ["line.fdopen_stream_nint"] = async r =>
        {
            // fdopen hands back a FILE* that owns the descriptor: fclose closes both, once.
            string path = Path.Combine(r.Directory, "h18-fdopen");
            File.WriteAllText(path, "first\nsecond\n");
            long a = r.Sync("Probe_open", path, OCloexecFlag), b = r.Sync("Probe_open", path, OCloexecFlag);
            long sync = r.Sync("Probe_fdopen", (int)a, "r");
            VariantOutcome outcome = await r.Async(("fd", (int)b), ("mode", "r"));
            r.ExpectSame("a stream over a descriptor (1 = one was made)", sync > 0 ? 1 : sync, IsSet(outcome));
            ExpectSameText(r, "its first line", AllocText(r, "Probe_read_stream_line", sync), outcome.Number is long made and not 0 ? AllocText(r, "Probe_read_stream_line", made) : outcome.ToString());
            foreach ((long stream, long fd) in new[] { (sync, a), (outcome.Number ?? 0, b) })
            {
                if (stream > 0)
                {
                    r.Sync("Probe_fclose", stream);
                }
                else
                {
                    r.Sync("Probe_close", (int)fd);
                }
            }

            r.ExpectSame("a mode fdopen does not know (EINVAL, before the descriptor is looked at)", r.Sync("Probe_fdopen", HeldOutRun.NotAnOpenFd, "x"),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("mode", "x")));
            r.ExpectBadFd(r.Sync("Probe_fdopen", HeldOutRun.NotAnOpenFd, "r"), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("mode", "r")));
        },
        ["line.getdelim_fields_ordinary"] = async r =>
        {
            string path = Path.Combine(r.Directory, "h18-fields");
            File.WriteAllText(path, "a;bb;;" + new string('c', 300) + ";d");
            VariantOutcome outcome = await r.Async(("path", path), ("delimiter", (int)';'));
            object? fields = ObjectMember(outcome, "fields");
            string variant = outcome.Errno is int e ? "E" + e : outcome.Other is not null ? outcome.ToString()
                : outcome.Number + ":" + (fields is List<string> list ? string.Join("|", list) : "(no fields: " + fields + ")");
            ExpectSameText(r, "fields of a file split at ';' (getdelim's buffer grows in the body)", AllocText(r, "Probe_read_fields", path, (int)';'), variant);
            ExpectSameText(r, "a missing file (ENOENT)", AllocText(r, "Probe_read_fields", path + "-missing", (int)';'),
                (await r.Async(("path", path + "-missing"), ("delimiter", (int)';'))) is { Errno: int m } ? "E" + m : "no error");
        },
        ["tmpl.mkdtemp_bytes"] = async r =>
        {
            string a = Path.Combine(r.Directory, "h18-dtemp-a-"), b = Path.Combine(r.Directory, "h18-dtemp-b-");
            byte[] syncTemplate = Template(a + "XXXXXX"), asyncTemplate = Template(b + "XXXXXX");
            string sync = AllocText(r, "Probe_mkdtemp", syncTemplate);
            VariantOutcome outcome = await r.Async(("template", asyncTemplate));
            ExpectSameText(r, "mkdtemp: the result", sync, outcome.Errno is int e ? "E" + e : outcome.Other is not null ? outcome.ToString() : outcome.Number is long p and not 0 ? "set" : "E0");
            ExpectSameText(r, "mkdtemp: the template, rewritten in place, names the new directory",
                MadeText(TemplateText(syncTemplate), a, Directory.Exists), MadeText(TemplateText(asyncTemplate), b, Directory.Exists));
            byte[] bad = Template(b + "XXXXX"), badSync = Template(a + "XXXXX");
            ExpectSameText(r, "a template without six X's (EINVAL)", AllocText(r, "Probe_mkdtemp", badSync), (await r.Async(("template", bad))) is { Errno: int be } ? "E" + be : "no error");
        },
        ["tmpl.mkdtemp_stringbuilder"] = async r =>
        {
            string a = Path.Combine(r.Directory, "h18-sbtemp-a-"), b = Path.Combine(r.Directory, "h18-sbtemp-b-");
            var syncTemplate = new StringBuilder(a + "XXXXXX", 512);
            var asyncTemplate = new StringBuilder(b + "XXXXXX", 512);
            string sync = AllocText(r, "Probe_make_directory", syncTemplate);
            VariantOutcome outcome = await r.Async(("template", asyncTemplate));
            ExpectSameText(r, "mkdtemp: the result", sync, outcome.Errno is int e ? "E" + e : outcome.Other is not null ? outcome.ToString() : outcome.Number is long p and not 0 ? "set" : "E0");
            ExpectSameText(r, "mkdtemp: the StringBuilder, rewritten, names the new directory",
                MadeText(syncTemplate.ToString(), a, Directory.Exists), MadeText(asyncTemplate.ToString(), b, Directory.Exists));
        },
        ["tmpl.mkstemp_bytes_descriptor"] = async r =>
        {
            string a = Path.Combine(r.Directory, "h18-stemp-a-"), b = Path.Combine(r.Directory, "h18-stemp-b-");
            byte[] syncTemplate = Template(a + "XXXXXX"), asyncTemplate = Template(b + "XXXXXX");
            long sync = r.Sync("Probe_mkstemp", syncTemplate);
            VariantOutcome outcome = await r.Async(("template", asyncTemplate));
            r.ExpectSame("mkstemp: a descriptor (1 = one was returned)", sync > 2 ? 1 : sync, outcome.Number is long fd && fd > 2 ? outcome with { Number = 1 } : outcome);
            ExpectSameText(r, "mkstemp: the template, rewritten in place, names the new file",
                MadeText(TemplateText(syncTemplate), a, File.Exists), MadeText(TemplateText(asyncTemplate), b, File.Exists));
            foreach (long made in new[] { sync, outcome.Number ?? -1 }.Where(d => d > 2))
            {
                r.Sync("Probe_close", (int)made);
            }
        },
        ["size.getxattr_nullable_array_query"] = async r =>
        {
            string a = Path.Combine(r.Directory, "h18-xattr-a"), b = Path.Combine(r.Directory, "h18-xattr-b");
            File.WriteAllText(a, "a");
            File.WriteAllText(b, "b");
            long set = r.Sync("Probe_setxattr", a, "user.h18", "value-of-18");
            r.Sync("Probe_setxattr", b, "user.h18", "value-of-18");
            r.Row.Runs.Add("setxattr user.h18: " + set);
            r.ExpectSame("the size query (NULL, 0)", r.Sync("Probe_getxattr", a, "user.h18", null), await r.Async(("path", b), ("name", "user.h18"), ("value", null), ("size", (nuint)0)));
            byte[] syncValue = new byte[32], asyncValue = new byte[32];
            r.ExpectSame("the value into 32 bytes", r.Sync("Probe_getxattr", a, "user.h18", syncValue), await r.Async(("path", b), ("name", "user.h18"), ("value", asyncValue), ("size", (nuint)32)));
            r.ExpectBytes("the value", syncValue, asyncValue);
            r.ExpectSame("a 4-byte buffer (ERANGE)", r.Sync("Probe_getxattr", a, "user.h18", new byte[4]), await r.Async(("path", b), ("name", "user.h18"), ("value", new byte[4]), ("size", (nuint)4)));
            r.ExpectSame("a missing attribute's size (ENODATA)", r.Sync("Probe_getxattr", a, "user.h18-missing", null), await r.Async(("path", b), ("name", "user.h18-missing"), ("value", null), ("size", (nuint)0)));
        },
        ["size.listxattr_outputbuffer_libraryimport"] = async r =>
        {
            string a = Path.Combine(r.Directory, "h18-list-a"), b = Path.Combine(r.Directory, "h18-list-b");
            File.WriteAllText(a, "a");
            File.WriteAllText(b, "b");
            foreach (string name in new[] { "user.one", "user.two" })
            {
                r.Sync("Probe_setxattr", a, name, "1");
                r.Sync("Probe_setxattr", b, name, "1");
            }

            r.ExpectSame("the size query (an empty list)", (long)r.CallStatic(AllocLibraryImportProbes, "Probe_listxattr", a, Array.Empty<byte>())!,
                await r.Async(("path", b), ("list", Array.Empty<byte>()), ("size", (nuint)0)));
            byte[] syncList = new byte[64], asyncList = new byte[64];
            r.ExpectSame("the names into 64 bytes", (long)r.CallStatic(AllocLibraryImportProbes, "Probe_listxattr", a, syncList)!,
                await r.Async(("path", b), ("list", asyncList), ("size", (nuint)64)));
            r.ExpectBytes("the names", syncList, asyncList);
            r.ExpectSame("a 4-byte list (ERANGE)", (long)r.CallStatic(AllocLibraryImportProbes, "Probe_listxattr", a, new byte[4])!,
                await r.Async(("path", b), ("list", new byte[4]), ("size", (nuint)4)));
        },
        ["size.attribute_two_step_ordinary"] = async r =>
        {
            string a = Path.Combine(r.Directory, "h18-two-step-a"), b = Path.Combine(r.Directory, "h18-two-step-b");
            File.WriteAllText(a, "a");
            File.WriteAllText(b, "b");
            r.Sync("Probe_setxattr", a, "user.h18", new string('v', 300));
            r.Sync("Probe_setxattr", b, "user.h18", new string('v', 300));
            VariantOutcome outcome = await r.Async(("path", b), ("name", "user.h18"));
            ExpectSameText(r, "a 300-byte value, sized then read in the body", AllocText(r, "Probe_read_attribute", a, "user.h18"),
                outcome.Errno is int e ? "E" + e : ObjectMember(outcome, "value") is byte[] v ? Encoding.ASCII.GetString(v) : outcome.ToString());
            ExpectSameText(r, "a missing attribute (ENODATA)", AllocText(r, "Probe_read_attribute", a, "user.none"),
                (await r.Async(("path", b), ("name", "user.none"))) is { Errno: int m } ? "E" + m : "no error");
        },
        ["size.getgroups_nullable_lparray_query"] = async r =>
        {
            long count = r.Sync("Probe_getgroups_query", 0, null);
            r.ExpectSame("getgroups(0, NULL): the count", count, await r.Async(("size", 0), ("list", null)));
            uint[] syncList = new uint[count + 4], asyncList = new uint[count + 4];
            r.ExpectSame("the groups into count + 4 cells", r.Sync("Probe_getgroups_query", syncList.Length, syncList), await r.Async(("size", asyncList.Length), ("list", asyncList)));
            ExpectSameText(r, "the groups", string.Join(",", syncList), string.Join(",", asyncList));
            // A negative count is refused before anything runs (docs/declaring-wrappers.md: the generator cannot know the callee
            // reads it as signed; as size_t the kernel would write past the array); the synchronous call answers EINVAL.
            ExpectCountRefused(r, "a negative size (the sync call: " + AsyncSys.Errno.NameOf((int)-r.Sync("Probe_getgroups_query", -1, null)) + ")",
                await r.Async(("size", -1), ("list", null)), "size");
        },
        ["size.groups_two_step_ordinary"] = async r =>
        {
            VariantOutcome outcome = await r.Async();
            ExpectSameText(r, "the groups, counted then read in the body", AllocText(r, "Probe_groups"),
                outcome.Errno is int e ? "E" + e : ObjectMember(outcome, "groups") is uint[] g ? outcome.Number + ":" + string.Join(",", g) : outcome.ToString());
        },
        ["size.confstr_outputbuffer_query"] = async r =>
        {
            r.ExpectSame("confstr(_CS_PATH, NULL, 0): the size needed", r.Sync("Probe_confstr", CsPath, Array.Empty<byte>()), await r.Async(("name", CsPath), ("buf", Array.Empty<byte>()), ("len", (nuint)0)));
            byte[] syncBuffer = new byte[64], asyncBuffer = new byte[64];
            r.ExpectSame("_CS_GNU_LIBC_VERSION into 64 bytes", r.Sync("Probe_confstr", CsGnuLibcVersion, syncBuffer), await r.Async(("name", CsGnuLibcVersion), ("buf", asyncBuffer), ("len", (nuint)64)));
            r.ExpectBytes("the value", syncBuffer, asyncBuffer);
            byte[] syncShort = new byte[4], asyncShort = new byte[4];
            r.ExpectSame("_CS_GNU_LIBC_VERSION into 4 bytes (the full size, truncated)", r.Sync("Probe_confstr", CsGnuLibcVersion, syncShort), await r.Async(("name", CsGnuLibcVersion), ("buf", asyncShort), ("len", (nuint)4)));
            r.ExpectBytes("the truncated value", syncShort, asyncShort);
            r.ExpectSame("an unknown name (EINVAL)", r.Sync("Probe_confstr", 12345, new byte[8]), await r.Async(("name", 12345), ("buf", new byte[8]), ("len", (nuint)8)));
        },
        ["size.confstr_text_ordinary"] = async r =>
        {
            ExpectSameText(r, "_CS_PATH, sized then read in the body", AllocText(r, "Probe_conf_text", CsPath), StringResult(await r.Async(("name", CsPath))));
            ExpectSameText(r, "an unknown name (null)", AllocText(r, "Probe_conf_text", 12345), StringResult(await r.Async(("name", 12345))));
        },
        ["len.readlinkat_growing_ordinary"] = async r =>
        {
            string directory = Path.Combine(r.Directory, "h18-links");
            Directory.CreateDirectory(directory);
            File.CreateSymbolicLink(Path.Combine(directory, "long"), new string('t', 100));
            File.CreateSymbolicLink(Path.Combine(directory, "short"), "s");
            File.WriteAllText(Path.Combine(directory, "plain"), "p");
            long dirfd = r.Sync("Probe_open", directory, 0x10000 | OCloexecFlag);
            try
            {
                foreach (string name in new[] { "long", "short", "plain", "missing" })
                {
                    VariantOutcome outcome = await r.Async(("dirfd", (int)dirfd), ("path", name));
                    ExpectSameText(r, name + " (the length, no NUL; the buffer grows in the body)", AllocText(r, "Probe_read_link_at", (int)dirfd, name),
                        outcome.Errno is int e ? "E" + e : StringMember(outcome, "target"));
                }
            }
            finally
            {
                r.Sync("Probe_close", (int)dirfd);
            }
        },
        ["len.readlinkat_span_libraryimport"] = async r =>
        {
            string link = Path.Combine(r.Directory, "h18-span-link");
            File.CreateSymbolicLink(link, "target-18");
            byte[] syncBuffer = Enumerable.Repeat((byte)0xAA, 32).ToArray(), asyncBuffer = Enumerable.Repeat((byte)0xAA, 32).ToArray();
            r.ExpectSame("readlinkat(AT_FDCWD, link): the length", (long)r.CallStatic(AllocLibraryImportProbes, "Probe_readlinkat", AtFdCwd, link, syncBuffer)!,
                await r.Async(("dirfd", AtFdCwd), ("pathname", link), ("buf", asyncBuffer), ("bufsiz", (nuint)32)));
            r.ExpectBytes("the target, no NUL after it", syncBuffer, asyncBuffer);
            byte[] syncShort = new byte[4], asyncShort = new byte[4];
            r.ExpectSame("a 4-byte buffer (truncated, 4)", (long)r.CallStatic(AllocLibraryImportProbes, "Probe_readlinkat", AtFdCwd, link, syncShort)!,
                await r.Async(("dirfd", AtFdCwd), ("pathname", link), ("buf", asyncShort), ("bufsiz", (nuint)4)));
            r.ExpectBytes("the truncated target", syncShort, asyncShort);
        },
        ["fds.receive_descriptors_array_ordinary"] = async r =>
        {
            (int syncA, int syncB) = Pair(r, AllocProbes, "Probe_socketpair");
            (int asyncA, int asyncB) = Pair(r, AllocProbes, "Probe_socketpair");
            var received = new List<int>();
            try
            {
                r.Sync("Probe_send_descriptors", syncA, 2);
                r.Sync("Probe_send_descriptors", asyncA, 2);
                byte[] syncData = new byte[8], asyncData = new byte[8];
                int[] syncFds = { -1, -1, -1, -1 }, asyncFds = { -1, -1, -1, -1 };
                long sync = r.Sync("Probe_receive_descriptors", syncB, syncData, syncFds);
                received.AddRange(syncFds.Where(fd => fd > 2));
                VariantOutcome outcome = await r.Async(("socket", asyncB), ("data", asyncData), ("fds", asyncFds));
                received.AddRange(asyncFds.Where(fd => fd > 2));
                long? count = HeldOutRun.Member(outcome.Result, "count");
                r.ExpectSame("3 bytes and 2 descriptors (bytes * 100 + descriptors)", sync, outcome.Number is long n && outcome.Errno is null && outcome.Other is null ? outcome with { Number = n * 100 + (count ?? -1) } : outcome);
                r.ExpectBytes("the bytes", syncData, asyncData);
                ExpectSameText(r, "the descriptors in the caller's array: open, close-on-exec (MSG_CMSG_CLOEXEC)",
                    string.Join(",", syncFds.Select(fd => fd > 2 ? "fd:" + r.Sync("Probe_getfd", fd) : fd.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                    string.Join(",", asyncFds.Select(fd => fd > 2 ? "fd:" + r.Sync("Probe_getfd", fd) : fd.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            }
            finally
            {
                foreach (int fd in received.Distinct().Concat(new[] { syncA, syncB, asyncA, asyncB }))
                {
                    r.Sync("Probe_close", fd);
                }
            }
        },
        ["fds.receive_safe_handles_ordinary"] = async r =>
        {
            (int syncA, int syncB) = Pair(r, AllocProbes, "Probe_socketpair");
            (int asyncA, int asyncB) = Pair(r, AllocProbes, "Probe_socketpair");
            try
            {
                r.Sync("Probe_send_descriptors", syncA, 3);
                r.Sync("Probe_send_descriptors", asyncA, 3);
                var syncHandles = (SafeFileHandle[]?)r.CallStatic(AllocProbes, "Probe_receive_handles", syncB) ?? Array.Empty<SafeFileHandle>();
                VariantOutcome outcome = await r.Async(("socket", asyncB));
                SafeFileHandle[] asyncHandles = ObjectMember(outcome, "handles") as SafeFileHandle[] ?? Array.Empty<SafeFileHandle>();
                r.ExpectSame("three descriptors received", syncHandles.Length, outcome);
                string State(SafeFileHandle[] handles) => handles.Length + " handles, " + string.Join(",", handles.Select(h => h.IsClosed ? "closed" : h.IsInvalid ? "invalid" : "fd:" + r.Sync("Probe_getfd", (int)h.DangerousGetHandle())));
                ExpectSameText(r, "the handles handed back: open, owned by the caller (closed once, by the caller)", State(syncHandles), State(asyncHandles));
                foreach (SafeFileHandle handle in syncHandles.Concat(asyncHandles))
                {
                    handle.Dispose();
                }
            }
            finally
            {
                foreach (int fd in new[] { syncA, syncB, asyncA, asyncB })
                {
                    r.Sync("Probe_close", fd);
                }
            }
        },
        ["sent.locale_or_global_minus_one_value_ordinary"] = async r =>
        {
            // LC_GLOBAL_LOCALE is (locale_t)-1: a value, not a failure; NULL is the failure.
            r.ExpectSame("no name: LC_GLOBAL_LOCALE, (locale_t)-1", r.Sync("Probe_locale_or_global", new object?[] { null }), await r.Async(("name", null)));
            VariantOutcome made = await r.Async(("name", "C.UTF-8"));
            long sync = r.Sync("Probe_locale_or_global", "C.UTF-8");
            r.ExpectSame("C.UTF-8: a locale object (1 = one was made)", sync > 0 ? 1 : sync, IsSet(made));
            foreach (long l in new[] { sync, made.Number ?? 0 }.Where(l => l > 0))
            {
                r.Sync("Probe_freelocale", l);
            }

            // One missing name per side: glibc remembers a failed load, and a second newlocale of that name fails with errno 0.
            r.ExpectSame("a locale the system does not have (ENOENT)", r.Sync("Probe_locale_or_global", "h18_NO.SYNC"), await r.Async(("name", "h18_NO.ASYNC")));
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> TransfersRuns() => new()
    {
        ["stx.statx_outputvalue_libraryimport"] = async r =>
        {
            string path = Path.Combine(r.Directory, "h18-statx");
            File.WriteAllBytes(path, Content);
            // statx is in the table: its buffer may come back as the struct ([OutputValue]) or be the caller's Memory<byte>.
            bool memory = r.ParameterType("statxbuf")?.Contains("Memory", StringComparison.Ordinal) == true;
            byte[] buffer = new byte[512];
            VariantOutcome outcome = await r.Async(("dirfd", AtFdCwd), ("pathname", path), ("flags", 0), ("mask", 0xFFFu), ("statxbuf", memory ? new Memory<byte>(buffer, 0, 256) : null));
            long? size = memory ? BitConverter.ToInt64(buffer, 40) : HeldOutRun.Member(outcome.Result, "Size");
            r.ExpectSame("stx_size of a " + Content.Length + "-byte file", (long)r.CallStatic(TransferLibraryImportProbes, "Probe_statx_size", path)!,
                outcome.Other is null && outcome.Errno is null ? outcome with { Number = size } : outcome);
            r.ExpectSame("a missing path (ENOENT)", (long)r.CallStatic(TransferLibraryImportProbes, "Probe_statx_size", path + "-missing")!,
                await r.Async(("dirfd", AtFdCwd), ("pathname", path + "-missing"), ("flags", 0), ("mask", 0xFFFu), ("statxbuf", memory ? new Memory<byte>(new byte[256]) : null)));
            if (memory)
            {
                // 16 bytes of a larger array: a variant that let the kernel write its 256 bytes there would write into the
                // rest of this array (seen, and harmless), never into another object.
                byte[] guarded = Enumerable.Repeat((byte)0xEE, 512).ToArray();
                VariantOutcome small = await r.Async(("dirfd", AtFdCwd), ("pathname", path), ("flags", 0), ("mask", 0xFFFu), ("statxbuf", new Memory<byte>(guarded, 0, 16)));
                bool past = guarded.Skip(16).Any(b => b != 0xEE);
                r.Row.Runs.Add("a 16-byte buffer: async " + small + (past ? ", the kernel wrote past it" : ", nothing written past it"));
                if (past || small.Other is not ArgumentException)
                {
                    r.Row.Problems.Add("a 16-byte buffer: the variant " + small + (past ? " and the kernel wrote past the buffer" : "") + " where it must refuse the buffer (statx writes 256 bytes)");
                }
            }
        },
        ["how.openat2_syscall_inputbuffer_size"] = async r =>
        {
            string directory = Path.Combine(r.Directory, "h18-beneath");
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(Path.Combine(directory, "inside"), Content);
            long dirfd = r.Sync("Probe_open", directory, 0x10000 | OCloexecFlag);
            try
            {
                byte[] how = (byte[])r.CallStatic(TransferProbes, "HowBytes", (ulong)(ORdOnly | OCloexecFlag), (ulong)ResolveBeneath)!;
                VariantOutcome inside = await r.Async(("number", 437L), ("dirfd", (int)dirfd), ("path", "inside"), ("how", how), ("size", (nuint)24));
                long sync = r.Sync("Probe_openat2", (int)dirfd, "inside", (ulong)(ORdOnly | OCloexecFlag), (ulong)ResolveBeneath);
                r.ExpectSame("a file beneath the directory (1 = a descriptor)", sync > 2 ? 1 : sync, inside.Number is long fd && fd > 2 ? inside with { Number = 1 } : inside);
                foreach (long made in new[] { sync, inside.Number ?? -1 }.Where(d => d > 2))
                {
                    r.Sync("Probe_close", (int)made);
                }

                r.ExpectSame("'..' with RESOLVE_BENEATH (EXDEV)", r.Sync("Probe_openat2", (int)dirfd, "../h18-beneath/inside", (ulong)(ORdOnly | OCloexecFlag), (ulong)ResolveBeneath),
                    await r.Async(("number", 437L), ("dirfd", (int)dirfd), ("path", "../h18-beneath/inside"), ("how", how), ("size", (nuint)24)));
                // The size is open_how's length: 8 bytes of it (a variant taking memory passes its length as the size).
                VariantOutcome small = await r.Async(("number", 437L), ("dirfd", (int)dirfd), ("path", "inside"), ("how", how.AsSpan(0, 8).ToArray()), ("size", (nuint)8));
                r.ExpectSame("a size smaller than open_how (EINVAL)", -AsyncSys.Errno.EINVAL, small);
                if (small.Number is long leaked && leaked > 2)
                {
                    r.Sync("Probe_close", (int)leaked);
                }
            }
            finally
            {
                r.Sync("Probe_close", (int)dirfd);
            }
        },
        ["how.openat2_in_struct"] = async r =>
        {
            string directory = Path.Combine(r.Directory, "h18-beneath-in");
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(Path.Combine(directory, "inside"), Content);
            long dirfd = r.Sync("Probe_open", directory, 0x10000 | OCloexecFlag);
            try
            {
                object how = r.CallStatic(TransferProbes, "How", (ulong)(ORdOnly | OCloexecFlag), (ulong)ResolveBeneath)!;
                r.ExpectSame("'..' with RESOLVE_BENEATH (EXDEV)", r.Sync("Probe_openat2_in", (int)dirfd, "../h18-beneath-in/inside", (ulong)(ORdOnly | OCloexecFlag), (ulong)ResolveBeneath),
                    await r.Async(("number", 437L), ("dirfd", (int)dirfd), ("path", "../h18-beneath-in/inside"), ("how", how), ("size", (nuint)24)));
            }
            finally
            {
                r.Sync("Probe_close", (int)dirfd);
            }
        },
        ["mv.splice_offset_cells_nint"] = async r =>
        {
            int fileA = r.OpenFile("h18-splice-a", Content), fileB = r.OpenFile("h18-splice-b", Content);
            (int readA, int writeA) = Pair(r, TransferProbes, "Probe_pipe");
            (int readB, int writeB) = Pair(r, TransferProbes, "Probe_pipe");
            long cellA = r.Sync("Probe_alloc_cell", 3L), cellB = r.Sync("Probe_alloc_cell", 3L);
            try
            {
                r.ExpectSame("splice 10 bytes from offset 3 (a cell the caller owns) into a pipe", r.Sync("Probe_splice", fileA, cellA, writeA, 0L, 10L),
                    await r.Async(("fd_in", fileB), ("off_in", (nint)cellB), ("fd_out", writeB), ("off_out", (nint)0), ("len", (nuint)10), ("flags", 0u)));
                r.ExpectSame("the offset the kernel advanced, in the caller's cell", r.Sync("Probe_read_cell", cellA), new VariantOutcome(null, r.Sync("Probe_read_cell", cellB), null, null));
                ExpectSameText(r, "the bytes in the pipe", (string)r.CallStatic(TransferProbes, "Probe_read_text", readA)!, (string)r.CallStatic(TransferProbes, "Probe_read_text", readB)!);
            }
            finally
            {
                r.Sync("Probe_free_native", cellA);
                r.Sync("Probe_free_native", cellB);
                foreach (int fd in new[] { readA, writeA, readB, writeB })
                {
                    r.Sync("Probe_close", fd);
                }
            }
        },
        ["mv.copy_file_range_offset_cells_nint"] = async r =>
        {
            int inA = r.OpenFile("h18-cfr-in-a", Content), inB = r.OpenFile("h18-cfr-in-b", Content);
            int outA = r.OpenFile("h18-cfr-out-a", Array.Empty<byte>()), outB = r.OpenFile("h18-cfr-out-b", Array.Empty<byte>());
            long cellA = r.Sync("Probe_alloc_cell", 2L), cellB = r.Sync("Probe_alloc_cell", 2L);
            try
            {
                r.ExpectSame("copy 12 bytes from offset 2 (a cell) to the output's own position (NULL)", r.Sync("Probe_copy_file_range", inA, cellA, outA, 0L, 12L),
                    await r.Async(("fd_in", inB), ("off_in", (nint)cellB), ("fd_out", outB), ("off_out", (nint)0), ("len", (nuint)12), ("flags", 0u)));
                r.ExpectSame("the input offset the kernel advanced, in the caller's cell", r.Sync("Probe_read_cell", cellA), new VariantOutcome(null, r.Sync("Probe_read_cell", cellB), null, null));
                r.ExpectBytes("the output file", File.ReadAllBytes(Path.Combine(r.Directory, "h18-cfr-out-a")), File.ReadAllBytes(Path.Combine(r.Directory, "h18-cfr-out-b")));
            }
            finally
            {
                r.Sync("Probe_free_native", cellA);
                r.Sync("Probe_free_native", cellB);
            }
        },
        ["mv.tee_nint_length"] = async r =>
        {
            (int readA, int writeA) = Pair(r, TransferProbes, "Probe_pipe");
            (int readB, int writeB) = Pair(r, TransferProbes, "Probe_pipe");
            (int readC, int writeC) = Pair(r, TransferProbes, "Probe_pipe");
            (int readD, int writeD) = Pair(r, TransferProbes, "Probe_pipe");
            try
            {
                r.Sync("Probe_write_text", writeA, "held-out tee");
                r.Sync("Probe_write_text", writeC, "held-out tee");
                r.ExpectSame("tee 64 bytes from a pipe holding 12", r.Sync("Probe_tee", readA, writeB, 64L), await r.Async(("fd_in", readC), ("fd_out", writeD), ("len", (nint)64), ("flags", 0u)));
                ExpectSameText(r, "the copy", (string)r.CallStatic(TransferProbes, "Probe_read_text", readB)!, (string)r.CallStatic(TransferProbes, "Probe_read_text", readD)!);
                ExpectSameText(r, "the source pipe keeps its bytes", (string)r.CallStatic(TransferProbes, "Probe_read_text", readA)!, (string)r.CallStatic(TransferProbes, "Probe_read_text", readC)!);
            }
            finally
            {
                foreach (int fd in new[] { readA, writeA, readB, writeB, readC, writeC, readD, writeD })
                {
                    r.Sync("Probe_close", fd);
                }
            }
        },
        ["mv.splice_ringop_values_ordinary"] = async r =>
        {
            int fileA = r.OpenFile("h18-splice-values-a", Content), fileB = r.OpenFile("h18-splice-values-b", Content);
            (int readA, int writeA) = Pair(r, TransferProbes, "Probe_pipe");
            (int readB, int writeB) = Pair(r, TransferProbes, "Probe_pipe");
            try
            {
                r.ExpectSame("splice 8 bytes from offset 4 into a pipe", r.Sync("Probe_splice_values", fileA, 4L, writeA, -1L, 8L),
                    await r.Async(("fdIn", fileB), ("offIn", 4L), ("fdOut", writeB), ("offOut", -1L), ("length", (nuint)8), ("flags", 0u)));
                ExpectSameText(r, "the bytes in the pipe", (string)r.CallStatic(TransferProbes, "Probe_read_text", readA)!, (string)r.CallStatic(TransferProbes, "Probe_read_text", readB)!);
                r.ExpectSame("a length of 0", r.Sync("Probe_splice_values", fileA, 4L, writeA, -1L, 0L),
                    await r.Async(("fdIn", fileB), ("offIn", 4L), ("fdOut", writeB), ("offOut", -1L), ("length", (nuint)0), ("flags", 0u)));
            }
            finally
            {
                foreach (int fd in new[] { readA, writeA, readB, writeB })
                {
                    r.Sync("Probe_close", fd);
                }
            }
        },
        ["sp.fallocate_lengths_zero_and_below"] = async r =>
        {
            int a = r.OpenFile("h18-falloc-a", Array.Empty<byte>()), b = r.OpenFile("h18-falloc-b", Array.Empty<byte>());
            foreach ((long offset, long len) in new[] { (0L, 4096L), (0L, 0L), (0L, -1L), (-1L, 10L), (-4096L, 0L) })
            {
                r.ExpectSame("fallocate(open file, 0, " + offset + ", " + len + ")", r.Sync("Probe_fallocate", a, 0, offset, len),
                    await r.Async(("fd", b), ("mode", 0), ("offset", offset), ("len", len)));
            }

            r.ExpectSame("file length after them", new FileInfo(Path.Combine(r.Directory, "h18-falloc-a")).Length,
                new VariantOutcome(null, new FileInfo(Path.Combine(r.Directory, "h18-falloc-b")).Length, null, null));
        },
        ["sp.fallocate_flags_enum_punch_hole"] = async r =>
        {
            byte[] content = Enumerable.Repeat((byte)'z', 16384).ToArray();
            int a = r.OpenFile("h18-punch-a", content), b = r.OpenFile("h18-punch-b", content);
            foreach ((int mode, long offset, long len) in new[] { (3, 4096L, 4096L), (2, 0L, 4096L), (3, 0L, 0L) })
            {
                r.ExpectSame("fallocate(mode " + mode + ", " + offset + ", " + len + ")", r.Sync("Probe_fallocate_enum", a, mode, offset, len),
                    await r.Async(("fd", b), ("mode", mode), ("offset", offset), ("len", len)));
            }

            r.ExpectBytes("the file after punching a hole", File.ReadAllBytes(Path.Combine(r.Directory, "h18-punch-a")), File.ReadAllBytes(Path.Combine(r.Directory, "h18-punch-b")));
        },
        ["sp.posix_fadvise_safehandle_libraryimport_lengths"] = async r =>
        {
            string a = Path.Combine(r.Directory, "h18-fadvise-a"), b = Path.Combine(r.Directory, "h18-fadvise-b");
            File.WriteAllBytes(a, Content);
            File.WriteAllBytes(b, Content);
            using SafeFileHandle handleA = File.OpenHandle(a, FileMode.Open, FileAccess.ReadWrite), handleB = File.OpenHandle(b, FileMode.Open, FileAccess.ReadWrite);
            foreach ((long offset, long len, int advice) in new[] { (0L, 0L, FadvWillNeed), (0L, -1L, FadvNormal), (-1L, 10L, FadvNormal), (0L, 10L, 99) })
            {
                r.ExpectSame("posix_fadvise(open file, " + offset + ", " + len + ", " + advice + ")", (long)r.CallStatic(TransferLibraryImportProbes, "Probe_posix_fadvise", handleA, offset, len, advice)!,
                    await r.Async(("fd", handleB), ("offset", offset), ("len", len), ("advice", advice)));
            }
        },
        ["dent.getdents64_outputbuffer_pointer"] = async r =>
        {
            string directory = NewDirectory(r, "h18-dents", 3);
            long a = r.Sync("Probe_open", directory, 0x10000 | OCloexecFlag), b = r.Sync("Probe_open", directory, 0x10000 | OCloexecFlag);
            try
            {
                byte[] syncBuffer = new byte[4096], asyncBuffer = new byte[4096];
                r.ExpectSame("getdents64 of a directory", r.Sync("Probe_getdents64", (int)a, syncBuffer), await r.Async(("fd", (int)b), ("dirp", asyncBuffer), ("count", (nuint)4096)));
                r.ExpectBytes("the entries", syncBuffer, asyncBuffer);
                r.ExpectSame("getdents64 at the end (0)", r.Sync("Probe_getdents64", (int)a, syncBuffer), await r.Async(("fd", (int)b), ("dirp", asyncBuffer), ("count", (nuint)4096)));
                r.ExpectSame("a 8-byte buffer (EINVAL)", r.Sync("Probe_getdents64", (int)a, new byte[8]), await r.Async(("fd", (int)b), ("dirp", new byte[8]), ("count", (nuint)8)));
            }
            finally
            {
                r.Sync("Probe_close", (int)a);
                r.Sync("Probe_close", (int)b);
            }
        },
        ["dent.names_span_ordinary"] = async r =>
        {
            string directory = NewDirectory(r, "h18-names", 5);
            long a = r.Sync("Probe_open", directory, 0x10000 | OCloexecFlag), b = r.Sync("Probe_open", directory, 0x10000 | OCloexecFlag);
            try
            {
                var names = new List<string>();
                VariantOutcome outcome = await r.Async(("fd", (int)b), ("scratch", new byte[64]), ("names", names));
                names.Sort(StringComparer.Ordinal);
                ExpectSameText(r, "the names, read 64 bytes at a time into the caller's list", (string)r.CallStatic(TransferProbes, "Probe_read_names", (int)a, 64)!,
                    outcome.Errno is int e ? "E" + e : outcome.Other is not null ? outcome.ToString() : outcome.Number + ":" + string.Join(",", names));
            }
            finally
            {
                r.Sync("Probe_close", (int)a);
                r.Sync("Probe_close", (int)b);
            }
        },
        ["buf.read_in_out_bytes"] = async r =>
        {
            int a = r.OpenFile("h18-read-a", Content), b = r.OpenFile("h18-read-b", Content);
            byte[] syncBuffer = new byte[10], asyncBuffer = new byte[10];
            r.ExpectSame("read 10 bytes into [In, Out] byte[]", r.Sync("Probe_read", a, syncBuffer), await r.Async(("fd", b), ("buf", asyncBuffer), ("count", (nuint)10)));
            r.ExpectBytes("the bytes read", syncBuffer, asyncBuffer);
        },
        ["buf.gethostname_out_stringbuilder"] = async r =>
        {
            var syncName = new StringBuilder(256);
            var asyncName = new StringBuilder(256);
            r.ExpectSame("gethostname into a StringBuilder", r.Sync("Probe_gethostname", syncName, 256L), await r.Async(("name", asyncName), ("len", (nuint)256)));
            ExpectSameText(r, "the host name", syncName.ToString(), asyncName.ToString());
        },
        ["buf.pread_last_system_error_ordinary"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_read_at_no_last_error", HeldOutRun.NotAnOpenFd, new byte[4], 0L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buffer", new byte[4]), ("offset", 0L)));
            int a = r.OpenFile("h18-pread-a", Content), b = r.OpenFile("h18-pread-b", Content);
            byte[] syncBuffer = new byte[6], asyncBuffer = new byte[6];
            r.ExpectSame("6 bytes at 5", r.Sync("Probe_read_at_no_last_error", a, syncBuffer, 5L), await r.Async(("fd", b), ("buffer", asyncBuffer), ("offset", 5L)));
            r.ExpectBytes("the bytes read", syncBuffer, asyncBuffer);
            r.ExpectSame("a negative offset (EINVAL)", r.Sync("Probe_read_at_no_last_error", a, new byte[4], -1L), await r.Async(("fd", b), ("buffer", new byte[4]), ("offset", -1L)));
        },
        ["buf.pread_negative_errno_ordinary"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_read_at_negative", HeldOutRun.NotAnOpenFd, new byte[4], 0L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buffer", new byte[4]), ("offset", 0L)));
            int a = r.OpenFile("h18-pread-neg-a", Content), b = r.OpenFile("h18-pread-neg-b", Content);
            byte[] syncBuffer = new byte[6], asyncBuffer = new byte[6];
            r.ExpectSame("6 bytes at 5", r.Sync("Probe_read_at_negative", a, syncBuffer, 5L), await r.Async(("fd", b), ("buffer", asyncBuffer), ("offset", 5L)));
            r.ExpectBytes("the bytes read", syncBuffer, asyncBuffer);
        },
    };
}
