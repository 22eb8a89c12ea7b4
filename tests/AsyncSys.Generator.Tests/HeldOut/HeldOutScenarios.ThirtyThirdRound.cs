using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the thirty-third blind round (Mistakes.case, CrossPlatform.case), written with the case files, before
/// the generator was run on them. Only the run's own files (each side its own descriptor where the call moves the file offset;
/// sparse files of 4 GiB and more, whose size is set, never written) and a descriptor that is not open (999999). A wrapper
/// whose library or entry point Linux does not have is called too: both sides must throw the same exception. readlink into a
/// string and fstat64 into a struct shorter than the kernel's are not called (the kernel would write past the memory given).
/// </summary>
internal static partial class HeldOutScenarios
{
    private const string MistakesProbeType = "HeldOut.Mistakes.MistakesProbes";

    private static Dictionary<string, (string, string)> WithThirtyThirdRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Mistakes"] = (HeldOutProbes.Mistakes, "");
        probes["CrossPlatform"] = (HeldOutProbes.CrossPlatform, HeldOutProbes.CrossPlatformLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithThirtyThirdRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in MistakesRuns().Concat(CrossPlatformRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static byte[] Pattern33(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 5 + 1)).ToArray();

    /// <summary>The same file opened twice: one descriptor per side, where the call moves the file offset.</summary>
    private static (int A, int B) TwoOpens33(HeldOutRun r, string name, byte[] content)
    {
        int a = r.OpenFile(name, content);
        return (a, r.OpenExisting(Path.Combine(r.Directory, name)));
    }

    /// <summary>A sparse file of the given size (its size set, no block written), opened twice.</summary>
    private static (int A, int B) Sparse33(HeldOutRun r, string name, long size)
    {
        string path = Path.Combine(r.Directory, name);
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write))
        {
            stream.SetLength(size);
        }

        return (r.OpenExisting(path), r.OpenExisting(path));
    }

    /// <summary>
    /// Where the sync call could not be made (<paramref name="missing"/>: the probe's number for that exception), the variant must
    /// throw the same exception type; otherwise the usual comparison.
    /// </summary>
    private static void SameOrSameException33(HeldOutRun r, string what, long sync, VariantOutcome v, long missing, string exception)
    {
        if (sync != missing)
        {
            r.ExpectSame(what, sync, v);
            return;
        }

        r.Row.Runs.Add(what + ": sync threw " + exception + ", async " + v);
        if (v.Other?.GetType().Name != exception)
        {
            r.Row.Problems.Add(what + ": the variant " + v + " where the sync wrapper threw " + exception);
        }
    }

    /// <summary>Every variant of the row carries the platform attribute its wrapper has (or callers elsewhere are not warned).</summary>
    private static void SamePlatformAttribute33(HeldOutRun r, string attribute, string platform)
    {
        foreach (Microsoft.CodeAnalysis.IMethodSymbol variant in r.Row.VariantSymbols)
        {
            bool has = variant.GetAttributes().Any(a => a.AttributeClass?.Name == attribute
                && a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value as string == platform);
            r.Row.Runs.Add("[" + attribute + "(\"" + platform + "\")] on " + variant.ToDisplayString() + ": " + has);
            if (!has)
            {
                r.Row.Problems.Add(variant.ToDisplayString() + " lacks the wrapper's [" + attribute + "(\"" + platform + "\")]: callers on other platforms are not warned (CA1416)");
            }
        }
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> MistakesRuns() => new()
    {
        ["mis.pread_int_count_int_offset_int_result"] = async r =>
        {
            int fd = r.OpenFile("mis-pread", Pattern33(64));
            foreach ((int count, int offset, string what) in new[]
            {
                (16, 5, "16 bytes at 5"), (16, 60, "4 bytes at 60"), (16, int.MaxValue, "at int.MaxValue (past the end)"),
                (16, -1, "at an int offset of -1 (what the sync call passes)"), (16, int.MinValue, "at int.MinValue"), (0, 0, "no bytes"),
            })
            {
                byte[] a = new byte[16], b = new byte[16];
                r.ExpectSame(what, r.Sync("Probe_mis_pread", fd, a, count, offset), await r.Async(("fd", fd), ("buf", b), ("count", count), ("offset", offset)));
                r.ExpectBytes(what, a, b);
            }

            r.ExpectBadFd(r.Sync("Probe_mis_pread", HeldOutRun.NotAnOpenFd, new byte[4], 4, 0), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", new byte[4]), ("count", 4), ("offset", 0)));
        },
        ["mis.lseek_uint_result"] = async r =>
        {
            (int a, int b) = TwoOpens33(r, "mis-lseek", Pattern33(40));
            r.ExpectSame("SEEK_END of 40 bytes", r.Sync("Probe_mis_lseek_uint", a, 0L, 2), await r.Async(("fd", b), ("offset", 0L), ("whence", 2)));
            r.ExpectSame("SEEK_SET -1 (EINVAL: all ones and errno)", r.Sync("Probe_mis_lseek_uint", a, -1L, 0), await r.Async(("fd", b), ("offset", -1L), ("whence", 0)));
            (int c, int d) = Sparse33(r, "mis-lseek-4g-minus-1", 0xFFFFFFFFL);
            r.ExpectSame("SEEK_END of a 4294967295-byte file (all ones, no error)", r.Sync("Probe_mis_lseek_uint", c, 0L, 2), await r.Async(("fd", d), ("offset", 0L), ("whence", 2)));
            (int e, int f) = Sparse33(r, "mis-lseek-4g-plus-7", 0x100000007L);
            r.ExpectSame("SEEK_END of a 4 GiB + 7 file (7 in 32 bits)", r.Sync("Probe_mis_lseek_uint", e, 0L, 2), await r.Async(("fd", f), ("offset", 0L), ("whence", 2)));
            r.ExpectBadFd(r.Sync("Probe_mis_lseek_uint", HeldOutRun.NotAnOpenFd, 0L, 1), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("whence", 1)));
        },
        ["mis.open_long_flags_long_mode"] = async r =>
        {
            string existing = Path.Combine(r.Directory, "mis-open");
            File.WriteAllBytes(existing, Pattern33(29));
            foreach ((long flags, string what) in new[]
            {
                (0x80000L, "O_RDONLY | O_CLOEXEC"), ((1L << 32) | 0x80000L, "O_CLOEXEC with bit 32 set (not in the C int)"),
                (unchecked((long)0xFFFFFFFF_00080000UL), "O_CLOEXEC with the upper half all ones (a negative long)"),
            })
            {
                long sync = r.Sync("Probe_mis_open", existing, flags, 0L);
                VariantOutcome v = await r.Async(("path", existing), ("flags", flags), ("mode", 0L));
                if (sync >= 0 && v.Errno is null && v.Number is long opened && opened >= 0)
                {
                    int a = Made(r, sync, "open (sync)"), b = Made(r, opened, "open (variant)");
                    ReadBack(r, "an existing file, " + what + ": the size through each descriptor",
                        Convert.ToInt64(r.CallStatic(MistakesProbeType, "SizeOf", (long)a)), Convert.ToInt64(r.CallStatic(MistakesProbeType, "SizeOf", (long)b)));
                }
                else
                {
                    if (sync >= 0)
                    {
                        Made(r, sync, "open (sync)");
                    }

                    r.ExpectSame("an existing file, " + what, sync, v);
                }
            }

            // O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC with a mode whose upper half is set: libc passes the low bits (0600).
            long create = 0x80000 | 0x40 | 0x80 | 1, mode = (1L << 32) | 0x180;
            string syncPath = Path.Combine(r.Directory, "mis-open-new-sync"), asyncPath = Path.Combine(r.Directory, "mis-open-new-async");
            long made = r.Sync("Probe_mis_open", syncPath, create, mode);
            VariantOutcome created = await r.Async(("path", asyncPath), ("flags", create), ("mode", mode));
            if (made >= 0 && created.Errno is null && created.Number is long n && n >= 0)
            {
                Made(r, made, "open O_CREAT (sync)");
                Made(r, n, "open O_CREAT (variant)");
                SameText(r, "the new files' modes", File.GetUnixFileMode(syncPath).ToString(), File.GetUnixFileMode(asyncPath).ToString());
            }
            else
            {
                if (made >= 0)
                {
                    Made(r, made, "open O_CREAT (sync)");
                }

                r.ExpectSame("O_CREAT | O_EXCL of a new file, mode 0600 with bit 32 set", made, created);
            }

            string missing = Path.Combine(r.Directory, "mis-no-such-file");
            r.ExpectSame("a missing file (ENOENT)", r.Sync("Probe_mis_open", missing, 0x80000L, 0L), await r.Async(("path", missing), ("flags", 0x80000L), ("mode", 0L)));
            r.ExpectSame("O_CREAT | O_EXCL of an existing file (EEXIST)", r.Sync("Probe_mis_open", existing, create, 0x180L), await r.Async(("path", existing), ("flags", create), ("mode", 0x180L)));
        },
        ["mis.pread_entry_point_other_case"] = async r =>
        {
            int fd = r.OpenFile("mis-pread-case", Pattern33(32));
            byte[] a = new byte[8], b = new byte[8];
            SameOrSameException33(r, "8 bytes at 4 through \"pRead\"", r.Sync("Probe_mis_pread_other_case", fd, a, 4L),
                await r.Async(("fd", fd), ("buf", b), ("count", 8L), ("offset", 4L)), HeldOutProbes.NoEntryPoint33, "EntryPointNotFoundException");
            r.ExpectBytes("the buffers (untouched when no call was made)", a, b);
            SameOrSameException33(r, "a descriptor not open", r.Sync("Probe_mis_pread_other_case", HeldOutRun.NotAnOpenFd, a, 0L),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", b), ("count", 8L), ("offset", 0L)), HeldOutProbes.NoEntryPoint33, "EntryPointNotFoundException");
        },
        ["mis.read_into_stringbuilder"] = async r =>
        {
            // Each read ends on a NUL, so the text the marshaller makes does not depend on bytes past what was read.
            (int a, int b) = TwoOpens33(r, "mis-read-text", Encoding.ASCII.GetBytes("hello\0world\0"));
            foreach (string what in new[] { "the first 6 bytes (\"hello\\0\")", "the next 6 (\"world\\0\")", "at the end (0)" })
            {
                object?[] args = { a, 32, 6L, null };
                long sync = r.Sync("Probe_mis_read_text", args);
                var builder = new StringBuilder(32);
                VariantOutcome v = await r.Async(("fd", b), ("buf", builder), ("count", 6L));
                r.ExpectSame(what, sync, v);
                SameText(r, what + ": the text", (string?)args[3], builder.ToString());
            }

            object?[] bad = { HeldOutRun.NotAnOpenFd, 32, 6L, null };
            r.ExpectBadFd(r.Sync("Probe_mis_read_text", bad), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", new StringBuilder(32)), ("count", 6L)));
        },
        ["mis.ftruncate_bool_result_no_marshalas"] = async r =>
        {
            (int a, int b) = TwoOpens33(r, "mis-truncate", Pattern33(40));
            r.ExpectSame("to 10 bytes (0: false)", r.Sync("Probe_mis_truncate", a, 10L), await r.Async(("fd", b), ("length", 10L)));
            r.ExpectSame("to -1 (EINVAL: -1 is true)", r.Sync("Probe_mis_truncate", a, -1L), await r.Async(("fd", b), ("length", -1L)));
            r.ExpectBadFd(r.Sync("Probe_mis_truncate", HeldOutRun.NotAnOpenFd, 0L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("length", 0L)));
        },
        ["mis.pwrite_no_setlasterror"] = async r =>
        {
            int a = r.OpenFile("mis-pwrite-a", Pattern33(8)), b = r.OpenFile("mis-pwrite-b", Pattern33(8));
            byte[] data = Encoding.ASCII.GetBytes("0123456789");
            r.ExpectSame("10 bytes at 3", r.Sync("Probe_mis_pwrite_no_sle", a, data, 3L), await r.Async(("fd", b), ("buf", data), ("count", 10L), ("offset", 3L)));
            r.ExpectBytes("the files' bytes", File.ReadAllBytes(Path.Combine(r.Directory, "mis-pwrite-a")), File.ReadAllBytes(Path.Combine(r.Directory, "mis-pwrite-b")));
            r.ExpectSame("offset -1 (EINVAL)", r.Sync("Probe_mis_pwrite_no_sle", a, data, -1L), await r.Async(("fd", b), ("buf", data), ("count", 10L), ("offset", -1L)));
            r.ExpectBadFd(r.Sync("Probe_mis_pwrite_no_sle", HeldOutRun.NotAnOpenFd, data, 0L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", data), ("count", 10L), ("offset", 0L)));
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> CrossPlatformRuns() => new()
    {
        ["xp.read_supported_os_platform_linux"] = async r =>
        {
            SamePlatformAttribute33(r, "SupportedOSPlatformAttribute", "linux");
            (int a, int b) = TwoOpens33(r, "xp-read", Pattern33(20));
            byte[] bufA = new byte[16], bufB = new byte[16];
            r.ExpectSame("16 of 20 bytes", r.Sync("Probe_xp_read", a, bufA, 16L), await r.Async(("fd", b), ("buf", bufB), ("count", 16L)));
            r.ExpectBytes("16 of 20 bytes", bufA, bufB);
            r.ExpectBadFd(r.Sync("Probe_xp_read", HeldOutRun.NotAnOpenFd, bufA, 16L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", bufB), ("count", 16L)));
        },
        ["xp.pwrite_unsupported_windows_span"] = async r =>
        {
            SamePlatformAttribute33(r, "UnsupportedOSPlatformAttribute", "windows");
            int a = r.OpenFile("xp-pwrite-a", Array.Empty<byte>()), b = r.OpenFile("xp-pwrite-b", Array.Empty<byte>());
            byte[] data = Pattern33(9);
            r.ExpectSame("9 bytes at 4", r.Sync("Probe_xp_pwrite", a, data, 9L, 4L), await r.Async(("fd", b), ("buf", data), ("count", 9L), ("offset", 4L)));
            r.ExpectBytes("the files' bytes", File.ReadAllBytes(Path.Combine(r.Directory, "xp-pwrite-a")), File.ReadAllBytes(Path.Combine(r.Directory, "xp-pwrite-b")));
            r.ExpectSame("offset -1 (EINVAL)", r.Sync("Probe_xp_pwrite", a, data, 9L, -1L), await r.Async(("fd", b), ("buf", data), ("count", 9L), ("offset", -1L)));
            r.ExpectBadFd(r.Sync("Probe_xp_pwrite", HeldOutRun.NotAnOpenFd, data, 9L, 0L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", data), ("count", 9L), ("offset", 0L)));
        },
        ["xp.lseek_library_name_by_define"] = async r =>
        {
            (int a, int b) = TwoOpens33(r, "xp-lseek", Pattern33(33));
            r.ExpectSame("SEEK_END 0 (the size)", r.Sync("Probe_xp_lseek", a, 0L, 2), await r.Async(("fd", b), ("offset", 0L), ("whence", 2)));
            r.ExpectSame("SEEK_SET -1 (EINVAL)", r.Sync("Probe_xp_lseek", a, -1L, 0), await r.Async(("fd", b), ("offset", -1L), ("whence", 0)));
            r.ExpectBadFd(r.Sync("Probe_xp_lseek", HeldOutRun.NotAnOpenFd, 0L, 1), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("whence", 1)));
        },
        ["xp.read_libsystem_dylib_import"] = async r =>
        {
            int fd = r.OpenFile("xp-read-mac", Pattern33(12));
            byte[] a = new byte[8], b = new byte[8];
            SameOrSameException33(r, "8 bytes through libSystem.dylib", r.Sync("Probe_xp_read_mac", fd, a),
                await r.Async(("fd", fd), ("buf", b), ("count", 8L)), HeldOutProbes.NoLibrary33, "DllNotFoundException");
            r.ExpectBytes("the buffers (untouched when no call was made)", a, b);
        },
        ["xp.kqueue_libc_macos_only"] = async r =>
        {
            long sync = r.Sync("Probe_xp_kqueue");
            VariantOutcome v = await r.Async();
            if (sync >= 0)
            {
                Made(r, sync, "kqueue (sync)");
            }

            if (v.Errno is null && v.Number is long made && made >= 0)
            {
                Made(r, made, "kqueue (variant)");
            }

            SameOrSameException33(r, "kqueue on Linux", sync, v, HeldOutProbes.NoEntryPoint33, "EntryPointNotFoundException");
        },
        ["xp.lseek_errno_reader_by_platform"] = async r =>
        {
            (int a, int b) = TwoOpens33(r, "xp-seek", Pattern33(21));
            r.ExpectSame("SEEK_END 0 (the size)", r.Sync("Probe_xp_seek", a, 0L, 2), await r.Async(("fd", b), ("offset", 0L), ("whence", 2)));
            r.ExpectSame("SEEK_SET -1 (-EINVAL through __errno_location)", r.Sync("Probe_xp_seek", a, -1L, 0), await r.Async(("fd", b), ("offset", -1L), ("whence", 0)));
            r.ExpectBadFd(r.Sync("Probe_xp_seek", HeldOutRun.NotAnOpenFd, 0L, 1), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("whence", 1)));
        },
        ["xp.read_runtimeinformation_switch"] = async r =>
        {
            (int a, int b) = TwoOpens33(r, "xp-switch", Pattern33(10));
            byte[] bufA = new byte[16], bufB = new byte[16];
            r.ExpectSame("10 bytes into 16", r.Sync("Probe_xp_read_switch", a, bufA), await r.Async(("fd", b), ("buf", bufB)));
            r.ExpectBytes("10 bytes into 16", bufA, bufB);
            r.ExpectBadFd(r.Sync("Probe_xp_read_switch", HeldOutRun.NotAnOpenFd, bufA), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", bufB)));
        },
        ["xp.pread_ordinary_platform_guard"] = async r =>
        {
            int fd = r.OpenFile("xp-pread", Pattern33(48));
            foreach ((long count, long offset, string what) in new[] { (12L, 7L, "12 bytes at 7"), (12L, 100L, "past the end (0)"), (12L, -1L, "offset -1 (EINVAL)") })
            {
                byte[] a = new byte[12], b = new byte[12];
                r.ExpectSame(what, r.Sync("Probe_xp_pread", fd, a, count, offset), await r.Async(("fd", fd), ("buffer", b), ("count", count), ("offset", offset)));
                r.ExpectBytes(what, a, b);
            }

            r.ExpectBadFd(r.Sync("Probe_xp_pread", HeldOutRun.NotAnOpenFd, new byte[4], 4L, 0L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buffer", new byte[4]), ("count", 4L), ("offset", 0L)));
        },
    };
}
