using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the twenty-eighth blind round (Compression.case, EmbeddedLibs.case), written with the case files, before
/// the generator was run on them. Only libraries installed on this machine run (zlib, zstd, LZ4, SQLite, libuuid, libmagic); a
/// library that cannot be loaded makes its row's run "not done", said on the row, never a network fetch. Every z_stream, gzFile,
/// zstd context, SQLite connection and statement and libmagic cookie is the run's own (native memory, files under the run's
/// directory) and released by the run; nothing of the test host's is touched. libusb, ALSA and libcurl rows are checked by the
/// generator only (no device, no network).
/// </summary>
internal static partial class HeldOutScenarios
{
    private const string CompressionProbeType = "HeldOut.Compression.CompressionProbes";
    private const string CompressionLibraryImportProbeType = "HeldOut.Compression.CompressionLibraryImportProbes";
    private const string EmbeddedLibsProbeType = "HeldOut.EmbeddedLibs.EmbeddedLibsProbes";
    private const int ZFinish28 = 4, ZNoFlush28 = 0;

    private static readonly byte[] Plain28 = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("the quick brown fox jumps over the lazy dog. ", 22)));

    private static Dictionary<string, (string, string)> WithTwentyEighthRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Compression"] = (HeldOutProbes.Compression, HeldOutProbes.CompressionLibraryImport);
        probes["EmbeddedLibs"] = (HeldOutProbes.EmbeddedLibs, HeldOutProbes.EmbeddedLibsLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithTwentyEighthRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in CompressionRuns().Concat(EmbeddedLibsRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static object? Call28(HeldOutRun r, string method, params object?[] arguments) =>
        r.CallStatic(r.Row.Case.Group == "Compression" ? CompressionProbeType : EmbeddedLibsProbeType, method, arguments);

    /// <summary>The row's library must load here; when it does not, the run is not done (an ArgumentException says so on the row).</summary>
    private static void Library28(string name)
    {
        if (!NativeLibrary.TryLoad(name, out IntPtr handle))
        {
            throw new ArgumentException(name + " is not installed on this machine: the row is checked by the generator only");
        }

        NativeLibrary.Free(handle);
    }

    private static void SameText28(HeldOutRun r, string what, string sync, string variant)
    {
        r.Row.Runs.Add(what + ": sync " + Short25(sync) + ", async " + Short25(variant));
        if (sync != variant)
        {
            r.Row.Problems.Add(what + ": the variant's '" + Short25(variant) + "' where the sync wrapper's '" + Short25(sync) + "'");
        }
    }

    /// <summary>What an ordinary method's variant gave, in the probes' text: "threw X", the value's text, or the outcome.</summary>
    private static string Text28(VariantOutcome v, Func<object?, string> value, bool withMessage = false) =>
        v.Other is not null ? "threw " + v.Other.GetType().Name + (withMessage ? ": " + v.Other.Message : "")
        : v.Errno is not null ? v.ToString()
        : value(v.Result);

    /// <summary>The one int member of a variant's result record (the call's own code beside its out values), or the int itself.</summary>
    private static long? Code28(object? result)
    {
        if (result is int code)
        {
            return code;
        }

        System.Reflection.PropertyInfo? p = result?.GetType().GetProperties().FirstOrDefault(x => x.PropertyType == typeof(int));
        return p is null ? null : (int)p.GetValue(result)!;
    }

    private sealed class Release28(Action release) : IDisposable
    {
        public void Dispose() => release();
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> CompressionRuns() => new()
    {
        ["zlib.uncompress_span_throws_ordinary"] = async r =>
        {
            Library28("libz.so.1");
            byte[] source = (byte[])Call28(r, "Deflated", Plain28)!;
            byte[] corrupt = source.ToArray();
            corrupt[4] ^= 0xFF;
            corrupt[5] ^= 0xFF;
            foreach ((string what, byte[] input, int capacity) in new[] { ("the whole text", source, 2000), ("a 10-byte destination (Z_BUF_ERROR)", source, 10), ("corrupt data (Z_DATA_ERROR)", corrupt, 2000) })
            {
                string sync = (string)Call28(r, "UncompressText", input, capacity)!;
                byte[] destination = new byte[capacity];
                VariantOutcome v = await r.Async(("source", input), ("destination", destination));
                SameText28(r, what, sync, Text28(v, x => x is int n ? n + ":" + Convert.ToHexString(destination, 0, Math.Min(n, destination.Length)) : "returned " + x));
            }
        },
        ["zlib.compress_bound_neverfails"] = async r =>
        {
            Library28("libz.so.1");
            foreach (ulong n in new ulong[] { 0, 1000, 1 << 20 })
            {
                r.ExpectSame("compressBound(" + n + ")", r.Sync("Probe_compress_bound", n), await r.Async(("sourceLen", n)));
            }
        },
        ["zlib.inflate_stream_nint_kept_fixed"] = async r =>
        {
            Library28("libz.so.1");
            byte[] source = (byte[])Call28(r, "Deflated", Plain28)!;
            byte[] corrupt = source.ToArray();
            corrupt[0] = 0x12;
            long Stream(byte[] input, int capacity)
            {
                long s = Convert.ToInt64(Call28(r, "NewInflate", input, capacity));
                r.Track(new Release28(() => Call28(r, "EndInflate", s)));
                return s;
            }

            long a = Stream(source, 2000), b = Stream(source, 2000);
            r.ExpectSame("Z_FINISH over the whole stream (Z_STREAM_END)", r.Sync("Probe_inflate", a, ZFinish28), await r.Async(("strm", (nint)b), ("flush", ZFinish28)));
            SameText28(r, "what the stream wrote into the caller's buffer", (string)Call28(r, "InflateOutput", a, source.Length)!, (string)Call28(r, "InflateOutput", b, source.Length)!);

            long c = Stream(source, 10), d = Stream(source, 10);
            r.ExpectSame("10 bytes of room, Z_NO_FLUSH (Z_OK)", r.Sync("Probe_inflate", c, ZNoFlush28), await r.Async(("strm", (nint)d), ("flush", ZNoFlush28)));
            r.ExpectSame("again with the output full (Z_BUF_ERROR)", r.Sync("Probe_inflate", c, ZNoFlush28), await r.Async(("strm", (nint)d), ("flush", ZNoFlush28)));
            SameText28(r, "the stream after two calls", (string)Call28(r, "InflateOutput", c, source.Length)!, (string)Call28(r, "InflateOutput", d, source.Length)!);

            long e = Stream(corrupt, 2000), f = Stream(corrupt, 2000);
            r.ExpectSame("a bad header (Z_DATA_ERROR)", r.Sync("Probe_inflate", e, ZFinish28), await r.Async(("strm", (nint)f), ("flush", ZFinish28)));
        },
        ["zlib.deflate_init_outputvalue_stream_stores_address"] = async r =>
        {
            Library28("libz.so.1");
            string version = (string)Call28(r, "Version")!;
            foreach ((string what, int size) in new[] { ("deflateInit_, then deflate on the caller's stream", 112), ("a wrong stream_size (Z_VERSION_ERROR)", 100) })
            {
                string sync = (string)Call28(r, "DeflateInitThenDeflate", 6, size)!;
                VariantOutcome v = await r.Async(("level", 6), ("version", version), ("stream_size", size));
                string variant = Text28(v, x => size == 112 ? (string)Call28(r, "DeflateWithReturned", x)! : "init " + Code28(x));
                SameText28(r, what, sync, variant);
            }
        },
        ["zlib.gzread_nint_file_marked_buffer"] = async r =>
        {
            Library28("libz.so.1");
            string path = (string)Call28(r, "WriteGz", Path.Combine(r.Directory, "gzread.gz"), Plain28)!;
            long File28()
            {
                long f = Convert.ToInt64(Call28(r, "GzOpenRead", path));
                if (f == 0)
                {
                    throw new InvalidOperationException(r.Row.Case.Id + ": gzopen failed; the run is wrong");
                }

                r.Track(new Release28(() => Call28(r, "GzClose", f)));
                return f;
            }

            long a = File28(), b = File28();
            byte[] bufA = new byte[64], bufB = new byte[64];
            r.ExpectSame("the first 64 bytes", r.Sync("Probe_gzread", a, bufA, 64u), await r.Async(("file", (nint)b), ("buf", bufB), ("len", 64u)));
            r.ExpectBytes("the first 64 bytes", bufA, bufB);
            byte[] restA = new byte[4096], restB = new byte[4096];
            r.ExpectSame("the rest", r.Sync("Probe_gzread", a, restA, 4096u), await r.Async(("file", (nint)b), ("buf", restB), ("len", 4096u)));
            r.ExpectBytes("the rest", restA, restB);
            r.ExpectSame("at the end (0)", r.Sync("Probe_gzread", a, restA, 4096u), await r.Async(("file", (nint)b), ("buf", restB), ("len", 4096u)));
        },
        ["zlib.crc32_span_libraryimport"] = async r =>
        {
            Library28("libz.so.1");
            byte[] digits = Encoding.ASCII.GetBytes("123456789");
            r.ExpectSame("crc32(\"123456789\") (0xCBF43926)", r.Sync("Probe_crc32", 0L, digits, 9u), await r.Async(("crc", 0L), ("buf", digits), ("len", 9u)));
            bool counted = r.ParameterType("len") is not null;
            r.Row.Runs.Add("the variant " + (counted ? "keeps" : "has no") + " 'len': the first 4 bytes are passed " + (counted ? "with len 4" : "as a 4-byte array"));
            r.ExpectSame("the first 4 bytes, from a running crc", r.Sync("Probe_crc32", 0x1234L, digits, 4u),
                await r.Async(("crc", 0x1234L), ("buf", counted ? digits : digits[..4]), ("len", 4u)));
        },
        ["zstd.compress_marked_pointers"] = async r =>
        {
            Library28("libzstd.so.1");
            long bound = Convert.ToInt64(Call28(r, "ZstdBound", (long)Plain28.Length));
            byte[] a = new byte[bound], b = new byte[bound];
            long sync = r.Sync("Probe_zstd_compress", a, Plain28, 3);
            r.ExpectSame("a frame at level 3", sync, await r.Async(("dst", b), ("dstCapacity", (ulong)bound), ("src", Plain28), ("srcSize", (ulong)Plain28.Length), ("compressionLevel", 3)));
            r.ExpectBytes("the frame", a, b);
            byte[] small = new byte[8];
            long tooSmall = r.Sync("Probe_zstd_compress", small, Plain28, 3);
            r.Row.Runs.Add("an 8-byte destination: ZSTD_isError says " + Call28(r, "ZstdIsError", tooSmall));
            r.ExpectSame("an 8-byte destination (an error code, returned)", tooSmall, await r.Async(("dst", new byte[8]), ("dstCapacity", 8UL), ("src", Plain28), ("srcSize", (ulong)Plain28.Length), ("compressionLevel", 3)));
        },
        ["zstd.compress_cctx_safehandle_arrays"] = async r =>
        {
            Library28("libzstd.so.1");
            object ca = Call28(r, "NewZstdContext")!, cb = Call28(r, "NewZstdContext")!;
            r.Track((IDisposable)ca);
            r.Track((IDisposable)cb);
            long bound = Convert.ToInt64(Call28(r, "ZstdBound", (long)Plain28.Length));
            byte[] a = new byte[bound], b = new byte[bound];
            r.ExpectSame("a frame at level 5 in the caller's context", r.Sync("Probe_zstd_cctx", ca, a, Plain28, 5),
                await r.Async(("cctx", cb), ("dst", b), ("dstCapacity", (ulong)bound), ("src", Plain28), ("srcSize", (ulong)Plain28.Length), ("compressionLevel", 5)));
            r.ExpectBytes("the frame", a, b);
            r.ExpectSame("an 8-byte destination (an error code, returned)", r.Sync("Probe_zstd_cctx", ca, new byte[8], Plain28, 5),
                await r.Async(("cctx", cb), ("dst", new byte[8]), ("dstCapacity", 8UL), ("src", Plain28), ("srcSize", (ulong)Plain28.Length), ("compressionLevel", 5)));
        },
        ["zstd.decompress_frame_throws_ordinary"] = async r =>
        {
            Library28("libzstd.so.1");
            long bound = Convert.ToInt64(Call28(r, "ZstdBound", (long)Plain28.Length));
            byte[] buffer = new byte[bound];
            long n = r.Sync("Probe_zstd_compress", buffer, Plain28, 3);
            byte[] frame = buffer[..(int)n];
            byte[] garbage = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();
            byte[] truncated = frame[..(frame.Length - 3)];
            foreach ((string what, byte[] input) in new[] { ("a whole frame", frame), ("not a frame", garbage), ("a truncated frame", truncated) })
            {
                string sync = (string)Call28(r, "DecompressFrameText", input)!;
                VariantOutcome v = await r.Async(("frame", input));
                SameText28(r, what, sync, Text28(v, x => x is byte[] content ? "ok:" + Convert.ToHexString(content) : "returned " + x, withMessage: true));
            }
        },
        ["zstd.get_error_name_constant_text"] = async r =>
        {
            Library28("libzstd.so.1");
            long tooSmall = r.Sync("Probe_zstd_compress", new byte[8], Plain28, 3);
            foreach ((string what, long code) in new[] { ("no error (0)", 0L), ("dstSize_tooSmall", tooSmall) })
            {
                string sync = (string)Call28(r, "ErrorNameText", code)!;
                VariantOutcome v = await r.Async(("code", code));
                SameText28(r, what, sync, Text28(v, x => (string)Call28(r, "PointerText", x)!));
            }
        },
        ["lz4.compress_default_spans_libraryimport"] = async r =>
        {
            Library28("liblz4.so.1");
            byte[] a = new byte[2048], b = new byte[2048];
            r.ExpectSame("a block", r.Sync("Probe_lz4_compress", Plain28, a, Plain28.Length, 2048), await r.Async(("src", Plain28), ("dst", b), ("srcSize", Plain28.Length), ("dstCapacity", 2048)));
            r.ExpectBytes("the block", a, b);
            r.ExpectSame("10 bytes of room (0: failure)", r.Sync("Probe_lz4_compress", Plain28, new byte[10], Plain28.Length, 10),
                await r.Async(("src", Plain28), ("dst", new byte[10]), ("srcSize", Plain28.Length), ("dstCapacity", 10)));
        },
        ["lz4.decompress_safe_stated_minus_one"] = async r =>
        {
            Library28("liblz4.so.1");
            byte[] block = (byte[])Call28(r, "Lz4Block", Plain28)!;
            byte[] a = new byte[Plain28.Length], b = new byte[Plain28.Length];
            r.ExpectSame("the whole block", r.Sync("Probe_lz4_decompress", block, a, block.Length, a.Length),
                await r.Async(("src", block), ("dst", b), ("compressedSize", block.Length), ("dstCapacity", b.Length)));
            r.ExpectBytes("the text", a, b);
            long sync = r.Sync("Probe_lz4_decompress", block, new byte[10], block.Length, 10);
            r.Row.Runs.Add("10 bytes of room: LZ4 answers " + sync + " and leaves errno as it was");
            r.ExpectSame("10 bytes of room (a negative result, errno untouched)", sync,
                await r.Async(("src", block), ("dst", new byte[10]), ("compressedSize", block.Length), ("dstCapacity", 10)));
        },
        ["lz4.compress_array_throws_on_zero_ordinary"] = async r =>
        {
            Library28("liblz4.so.1");
            foreach ((string what, int max) in new[] { ("room for the block", 2048), ("4 bytes of room (0: throws)", 4), ("a negative maximum (an empty array: throws)", -5) })
            {
                string sync = (string)Call28(r, "CompressBlockText", Plain28, max)!;
                VariantOutcome v = await r.Async(("source", Plain28), ("maxOutput", max));
                SameText28(r, what, sync, Text28(v, x => x is byte[] block ? "ok:" + Convert.ToHexString(block) : "returned " + x));
            }
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> EmbeddedLibsRuns() => new()
    {
        ["sqlite.open_v2_out_intptr_stated_neverfails"] = async r =>
        {
            Library28("libsqlite3.so.0");
            foreach ((string what, string name, int flags) in new[] { ("a new database (READWRITE | CREATE)", "open", 6), ("a missing file READONLY (SQLITE_CANTOPEN)", "missing", 1) })
            {
                long sync = r.Sync("Probe_open", Path.Combine(r.Directory, name + "-a.db"), flags);
                VariantOutcome v = await r.Async(("filename", Path.Combine(r.Directory, name + "-b.db")), ("flags", flags), ("vfs", null));
                long? code = v.Other is null && v.Errno is null ? Code28(v.Result) : null;
                r.ExpectSame(what, sync, code is long c ? new VariantOutcome(v.Result, c, null, null) : v);
                r.Row.Runs.Add(what + ": the variant's connection closed: " + Call28(r, "CloseReturned", v.Result));
            }
        },
        ["sqlite.exec_managed_delegate_callback"] = async r =>
        {
            Library28("libsqlite3.so.0");
            long a = Db28(r, "exec-a.db"), b = Db28(r, "exec-b.db");
            foreach ((string what, string sql) in new[] { ("CREATE TABLE", "CREATE TABLE t(x)"), ("the same again (SQLITE_ERROR, errmsg)", "CREATE TABLE t(x)"), ("a syntax error", "SELEC 1") })
            {
                string sync = (string)Call28(r, "ExecText", a, sql)!;
                VariantOutcome v = await r.Async(("db", (nint)b), ("sql", sql), ("callback", null), ("arg", (nint)0));
                SameText28(r, what, sync, Text28(v, x => (string)Call28(r, "ExecResultText", x)!));
            }
        },
        ["sqlite.step_safehandle_row_done"] = async r =>
        {
            Library28("libsqlite3.so.0");
            long a = Db28(r, "step-a.db"), b = Db28(r, "step-b.db");
            object sa = Call28(r, "PrepareTwoRows", a, "SELECT 1 UNION ALL SELECT 2")!, sb = Call28(r, "PrepareTwoRows", b, "SELECT 1 UNION ALL SELECT 2")!;
            r.Track((IDisposable)sa);
            r.Track((IDisposable)sb);
            foreach (string what in new[] { "the first row (SQLITE_ROW)", "the second row (SQLITE_ROW)", "done (SQLITE_DONE)" })
            {
                r.ExpectSame(what, r.Sync("Probe_step", sa), await r.Async(("stmt", sb)));
            }
        },
        ["sqlite.errcode_connection_state"] = async r =>
        {
            Library28("libsqlite3.so.0");
            long a = Db28(r, "errcode-a.db"), b = Db28(r, "errcode-b.db");
            Call28(r, "ExecText", a, "SELEC 1");
            Call28(r, "ExecText", b, "SELEC 1");
            r.ExpectSame("after a syntax error on the connection (SQLITE_ERROR)", r.Sync("Probe_errcode", a), await r.Async(("db", (nint)b)));
            Call28(r, "ExecText", a, "SELECT 1");
            Call28(r, "ExecText", b, "SELECT 1");
            r.ExpectSame("after a success (SQLITE_OK)", r.Sync("Probe_errcode", a), await r.Async(("db", (nint)b)));
        },
        ["sqlite.execute_throws_errmsg_instance"] = async r =>
        {
            Library28("libsqlite3.so.0");
            object a = Call28(r, "NewConnection", Path.Combine(r.Directory, "conn-a.db"))!, b = Call28(r, "NewConnection", Path.Combine(r.Directory, "conn-b.db"))!;
            r.Track((IDisposable)a);
            r.Track((IDisposable)b);
            foreach ((string what, string sql) in new[] { ("CREATE TABLE", "CREATE TABLE t(x)"), ("the same again (the connection's message)", "CREATE TABLE t(x)"), ("a syntax error", "SELEC 1"), ("an insert", "INSERT INTO t VALUES (1)") })
            {
                string sync = (string)Call28(r, "ExecuteText", a, sql)!;
                VariantOutcome v = await r.AsyncOn(b, ("sql", sql));
                SameText28(r, what, sync, Text28(v, _ => "ok", withMessage: true));
            }
        },
        ["uuid.generate_random_out_array"] = async r =>
        {
            Library28("libuuid.so.1");
            byte[] a = new byte[16], b = new byte[16];
            long sync = r.Sync("Probe_uuid_random", a);
            VariantOutcome v = await r.Async(("uu", b));
            r.ExpectSame("the version nibble (4: random)", sync, v.Other is null && v.Errno is null ? new VariantOutcome(null, b[6] >> 4, null, null) : v);
            r.ExpectSame("16 bytes written", a.Any(x => x != 0) ? 1 : 0, new VariantOutcome(null, b.Any(x => x != 0) ? 1 : 0, null, null));
        },
        ["uuid.generate_time_safe_out_struct"] = async r =>
        {
            Library28("libuuid.so.1");
            object?[] args = { null };
            long sync = r.Sync("Probe_uuid_time", args);
            VariantOutcome v = await r.Async();
            long? code = v.Other is null && v.Errno is null ? Code28(v.Result) : null;
            r.Row.Runs.Add("uuid_generate_time_safe answered " + sync + (sync == 0 ? " (uuidd: safe)" : " (no uuidd: -1, still generated)"));
            r.ExpectSame("the result (0 safe, -1 not known to be unique)", sync, code is long c ? new VariantOutcome(v.Result, c, null, null) : v);
            r.ExpectSame("the version nibble (1: time)", Convert.ToInt64(args[0]), new VariantOutcome(null, Convert.ToInt64(Call28(r, "VersionOf", v.Result)), null, null));
        },
        ["uuid.parse_span_stated_minus_one_libraryimport"] = async r =>
        {
            Library28("libuuid.so.1");
            foreach ((string what, string text) in new[] { ("a valid uuid", "1b4e28ba-2fa1-11d2-883f-0016d3cca427"), ("not a uuid (-1, errno untouched)", "not-a-uuid") })
            {
                byte[] a = new byte[16], b = new byte[16];
                r.ExpectSame(what, r.Sync("Probe_uuid_parse", text, a), await r.Async(("in", text), ("uu", b)));
                r.ExpectBytes(what, a, b);
            }
        },
        ["magic.describe_copies_text_instance"] = async r =>
        {
            Library28("libmagic.so.1");
            object a = Call28(r, "NewCookie")!, b = Call28(r, "NewCookie")!;
            r.Track((IDisposable)a);
            r.Track((IDisposable)b);
            foreach ((string what, byte[] data) in new[]
            {
                ("a shell script", Encoding.ASCII.GetBytes("#!/bin/sh\necho hello\n")),
                ("a gzip header", new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 }),
                ("plain text", Encoding.ASCII.GetBytes("hello, world\n")),
            })
            {
                string sync = (string)Call28(r, "DescribeText", a, data)!;
                VariantOutcome v = await r.AsyncOn(b, ("data", data));
                SameText28(r, what, sync, Text28(v, x => "ok:" + x, withMessage: true));
            }
        },
    };

    /// <summary>A SQLite connection of the run's to a file under its directory, closed when the run ends.</summary>
    private static long Db28(HeldOutRun r, string name)
    {
        long db = Convert.ToInt64(Call28(r, "OpenDb", Path.Combine(r.Directory, name)));
        r.Track(new Release28(() => Call28(r, "CloseDb", db)));
        return db;
    }
}
