namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the twenty-eighth blind round (Compression.case, EmbeddedLibs.case), written with the case files before
/// the generator was run on them. The libraries' own answers are returned as they are (zlib's Z_* codes, zstd's size_t, SQLite's
/// SQLITE_* codes), or as text ("threw X" for an exception) where the wrapper returns or throws more than a number. Every stream,
/// gzFile, context, database and cookie is the run's own, in native memory or files under the run's directory, and freed by it.
/// </summary>
internal static partial class HeldOutProbes
{
    private const string TwentyEighthRoundHelpers = """
                [DllImport("libc", EntryPoint = "getpid")] private static extern int getpid_for_runs();

                /// <summary>An exception's type name, or the text an ordinary method returned.</summary>
                public static string Threw(Exception e) => "threw " + e.GetType().Name;
                public static string Hex(byte[] bytes, int count) => Convert.ToHexString(bytes, 0, Math.Max(0, Math.Min(count, bytes.Length)));
                public static string Hex(byte[] bytes) => Convert.ToHexString(bytes);

                /// <summary>A value of type <typeparamref name="T"/> the variant gave back: itself, or a member of its result.</summary>
                public static T? Find<T>(object? result) where T : struct
                {
                    if (result is T value) { return value; }
                    if (result is null) { return null; }
                    foreach (System.Reflection.PropertyInfo p in result.GetType().GetProperties())
                    {
                        if (p.PropertyType == typeof(T)) { return (T)p.GetValue(result)!; }
                    }

                    foreach (System.Reflection.FieldInfo f in result.GetType().GetFields())
                    {
                        if (f.FieldType == typeof(T)) { return (T)f.GetValue(result)!; }
                    }

                    return null;
                }
        """;

    public const string Compression = """
        using System;
        using System.IO;
        using System.Runtime.InteropServices;
        namespace HeldOut.Compression
        {
            public static unsafe class CompressionProbes
            {
        """ + "\n" + TwentyEighthRoundHelpers + "\n" + """

                public static string Version() => Marshal.PtrToStringUTF8(ZlibNative.zlibVersion())!;

                /// <summary>zlib's compress2 of the bytes at level 6 (the run's input for uncompress and inflate).</summary>
                public static byte[] Deflated(byte[] plain)
                {
                    byte[] output = new byte[plain.Length + 64];
                    nuint length = (nuint)output.Length;
                    fixed (byte* d = output)
                    fixed (byte* s = plain)
                    {
                        int rc = ZlibNative.compress2_raw(d, &length, s, (nuint)plain.Length, 6);
                        if (rc != 0) { throw new InvalidOperationException("compress2 " + rc); }
                    }

                    return output.AsSpan(0, (int)length).ToArray();
                }

                public static string UncompressText(byte[] source, int capacity)
                {
                    byte[] destination = new byte[capacity];
                    try { int n = Zlib.Uncompress(source, destination); return n + ":" + Hex(destination, n); }
                    catch (Exception e) { return Threw(e); }
                }

                public static long Probe_compress_bound(ulong n) => (long)Zlib.CompressBound((nuint)n);

                /// <summary>
                /// A z_stream after inflateInit_ in native memory of the run's, with next_in over a native copy of the input and next_out
                /// over a native buffer of <paramref name="capacity"/> bytes: [z_stream 112][input][output]. Freed by EndInflate.
                /// </summary>
                public static long NewInflate(byte[] compressed, int capacity)
                {
                    byte* block = (byte*)NativeMemory.AllocZeroed((nuint)(112 + compressed.Length + capacity));
                    ZStream* z = (ZStream*)block;
                    int rc = ZlibNative.inflateInit_raw(z, ZlibNative.zlibVersion(), sizeof(ZStream));
                    if (rc != 0) { NativeMemory.Free(block); throw new InvalidOperationException("inflateInit_ " + rc); }
                    compressed.CopyTo(new Span<byte>(block + 112, compressed.Length));
                    z->NextIn = block + 112;
                    z->AvailIn = (uint)compressed.Length;
                    z->NextOut = block + 112 + compressed.Length;
                    z->AvailOut = (uint)capacity;
                    return (long)block;
                }

                /// <summary>What the stream wrote so far (total_out bytes at the output buffer), and how much input is left.</summary>
                public static string InflateOutput(long stream, int inputLength)
                {
                    ZStream* z = (ZStream*)stream;
                    byte* output = (byte*)stream + 112 + inputLength;
                    return "in left " + z->AvailIn + ", out " + Convert.ToHexString(new ReadOnlySpan<byte>(output, (int)z->TotalOut));
                }

                public static long EndInflate(long stream)
                {
                    int rc = ZlibNative.inflateEnd_raw((ZStream*)stream);
                    NativeMemory.Free((void*)stream);
                    return rc;
                }

                public static long Probe_inflate(long stream, int flush) => Zlib.Inflate((nint)stream, flush);

                /// <summary>deflateInit_ on a zeroed stream of the caller's, then what deflate answers on that same stream (Z_FINISH over 50 bytes).</summary>
                public static string DeflateInitThenDeflate(int level, int streamSize)
                {
                    ZStream* z = (ZStream*)NativeMemory.AllocZeroed((nuint)sizeof(ZStream));
                    try
                    {
                        int init = Zlib.DeflateInit(z, level, Version(), streamSize);
                        if (init != 0) { return "init " + init; }
                        return "init 0, deflate " + DeflateOnce(z) + ", end " + ZlibNative.deflateEnd_raw(z);
                    }
                    finally { NativeMemory.Free(z); }
                }

                /// <summary>The stream a variant handed back, copied into memory of the caller's, then deflate on it, as a caller would go on.</summary>
                public static string DeflateWithReturned(object? result)
                {
                    ZStream? value = Find<ZStream>(result);
                    if (value is null) { return "no z_stream in " + (result?.ToString() ?? "null"); }
                    int init = result is int code ? code : FirstInt(result!);
                    ZStream* z = (ZStream*)NativeMemory.AllocZeroed((nuint)sizeof(ZStream));
                    try
                    {
                        *z = value.Value;
                        int deflated = DeflateOnce(z);
                        int end = ZlibNative.deflateEnd_raw(z);
                        return "init " + init + ", deflate " + deflated + ", end " + end;
                    }
                    finally { NativeMemory.Free(z); }
                }

                private static int FirstInt(object target)
                {
                    foreach (System.Reflection.PropertyInfo p in target.GetType().GetProperties())
                    {
                        if (p.PropertyType == typeof(int)) { return (int)p.GetValue(target)!; }
                    }

                    return int.MinValue;
                }

                private static int DeflateOnce(ZStream* z)
                {
                    byte* input = stackalloc byte[50];
                    byte* output = stackalloc byte[200];
                    for (int i = 0; i < 50; i++) { input[i] = (byte)('a' + i % 5); }
                    z->NextIn = input;
                    z->AvailIn = 50;
                    z->NextOut = output;
                    z->AvailOut = 200;
                    int rc = ZlibNative.deflate_raw(z, ZlibNative.Finish);
                    z->NextIn = null;
                    z->NextOut = null;
                    return rc;
                }

                /// <summary>Writes a gzip file of the bytes; returns its path.</summary>
                public static string WriteGz(string path, byte[] content)
                {
                    nint file = ZlibNative.gzopen_raw(path, "wb");
                    if (file == 0) { throw new InvalidOperationException("gzopen " + path); }
                    fixed (byte* p = content) { ZlibNative.gzwrite_raw(file, p, (uint)content.Length); }
                    ZlibNative.gzclose_raw(file);
                    return path;
                }

                public static long GzOpenRead(string path) => ZlibNative.gzopen_raw(path, "rb");
                public static long GzClose(long file) => ZlibNative.gzclose_raw((nint)file);

                public static long Probe_gzread(long file, byte[] buffer, uint length)
                {
                    Marshal.SetLastPInvokeError(0);
                    fixed (byte* p = buffer)
                    {
                        int n = Zlib.GzRead((nint)file, p, length);
                        return n < 0 ? -Marshal.GetLastPInvokeError() - 100000 : n;
                    }
                }

                public static long Probe_zstd_compress(byte[] dst, byte[] src, int level)
                {
                    fixed (byte* d = dst)
                    fixed (byte* s = src)
                    {
                        return (long)Zstd.Compress(d, (nuint)dst.Length, s, (nuint)src.Length, level);
                    }
                }

                public static long ZstdBound(long n) => (long)ZstdNative.ZSTD_compressBound((nuint)n);
                public static long ZstdIsError(long code) => ZstdNative.ZSTD_isError((nuint)code);

                public static object NewZstdContext() => ZstdNative.ZSTD_createCCtx();

                public static long Probe_zstd_cctx(object context, byte[] dst, byte[] src, int level) =>
                    (long)Zstd.CompressWithContext((ZstdCompressContext)context, dst, (nuint)dst.Length, src, (nuint)src.Length, level);

                public static string DecompressFrameText(byte[] frame)
                {
                    try { return "ok:" + Hex(Zstd.DecompressFrame(frame)); }
                    catch (Exception e) { return Threw(e) + ": " + e.Message; }
                }

                public static string ErrorNameText(long code) => Marshal.PtrToStringUTF8(Zstd.GetErrorName((nuint)code)) ?? "(null)";
                public static string PointerText(object? result) => result is nint p && p != 0 ? Marshal.PtrToStringUTF8(p)! : "not a text pointer: " + (result?.ToString() ?? "null");

                public static long Probe_lz4_decompress(byte[] src, byte[] dst, int compressedSize, int capacity)
                {
                    Marshal.SetLastPInvokeError(0);
                    int n = Lz4.DecompressSafe(src, dst, compressedSize, capacity);
                    return n;
                }

                public static byte[] Lz4Block(byte[] plain)
                {
                    byte[] output = new byte[Lz4Native.LZ4_compressBound(plain.Length)];
                    int n;
                    fixed (byte* s = plain)
                    fixed (byte* d = output)
                    {
                        n = Lz4Native.LZ4_compress_default_raw(s, d, plain.Length, output.Length);
                    }

                    return output.AsSpan(0, n).ToArray();
                }

                public static string CompressBlockText(byte[] source, int maxOutput)
                {
                    try { return "ok:" + Hex(Lz4.CompressBlock(source, maxOutput)); }
                    catch (Exception e) { return Threw(e); }
                }
            }
        }
        """;

    public const string CompressionLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Compression
        {
            public static unsafe class CompressionLibraryImportProbes
            {
                public static long Probe_crc32(long crc, byte[] data, uint length) => (long)ZlibSpans.Crc32((nuint)crc, data, length);
                public static long Probe_lz4_compress(byte[] src, byte[] dst, int srcSize, int capacity) => Lz4Spans.CompressDefault(src, dst, srcSize, capacity);
            }
        }
        """;

    public const string EmbeddedLibs = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.EmbeddedLibs
        {
            public static unsafe class EmbeddedLibsProbes
            {
        """ + "\n" + TwentyEighthRoundHelpers + "\n" + """

                /// <summary>sqlite3_open_v2 through the wrapper; the connection (which SQLite makes even for most failures) is closed here.</summary>
                public static long Probe_open(string path, int flags)
                {
                    int rc = Sqlite.OpenV2(path, out IntPtr db, flags, null);
                    SqliteNative.sqlite3_close_v2(db);
                    return rc;
                }

                public static long CloseDb(long db) => SqliteNative.sqlite3_close_v2((nint)db);

                /// <summary>The variant's connection (its out value), closed here; 0 when there is none.</summary>
                public static long CloseReturned(object? result)
                {
                    nint db = Find<IntPtr>(result) ?? 0;
                    return db == 0 ? -1 : SqliteNative.sqlite3_close_v2(db);
                }

                /// <summary>A connection of the run's to a database file under the run's directory (made if missing).</summary>
                public static long OpenDb(string path)
                {
                    int rc = SqliteNative.sqlite3_open_v2(path, out nint db, SqliteNative.OpenReadWrite | SqliteNative.OpenCreate, null);
                    if (rc != 0) { SqliteNative.sqlite3_close_v2(db); throw new InvalidOperationException("sqlite3_open_v2 " + rc); }
                    return db;
                }

                public static string ExecText(long db, string sql)
                {
                    int rc = Sqlite.Exec((nint)db, sql, null, 0, out IntPtr errmsg);
                    string message = errmsg != 0 ? Marshal.PtrToStringUTF8(errmsg)! : "";
                    SqliteNative.sqlite3_free(errmsg);
                    return rc + ":" + message;
                }

                /// <summary>The variant's code and its errmsg (sqlite3_malloc'd: read and freed here).</summary>
                public static string ExecResultText(object? result)
                {
                    if (result is null) { return "null"; }
                    int rc = int.MinValue;
                    nint errmsg = 0;
                    foreach (System.Reflection.PropertyInfo p in result.GetType().GetProperties())
                    {
                        if (p.PropertyType == typeof(int)) { rc = (int)p.GetValue(result)!; }
                        if (p.PropertyType == typeof(IntPtr)) { errmsg = (nint)p.GetValue(result)!; }
                    }

                    string message = errmsg != 0 ? Marshal.PtrToStringUTF8(errmsg)! : "";
                    SqliteNative.sqlite3_free(errmsg);
                    return rc + ":" + message;
                }

                /// <summary>A statement of the run's connection ("SELECT 1 UNION ALL SELECT 2": two rows, then done).</summary>
                public static object PrepareTwoRows(long db, string sql)
                {
                    int rc = SqliteNative.sqlite3_prepare_v2((nint)db, sql, -1, out SqliteStatement stmt, 0);
                    if (rc != 0) { throw new InvalidOperationException("sqlite3_prepare_v2 " + rc); }
                    return stmt;
                }

                public static long Probe_step(object statement) => Sqlite.Step((SqliteStatement)statement);
                public static long Probe_errcode(long db) => Sqlite.ErrorCode((nint)db);

                public static object NewConnection(string path) => new SqliteConnection(path, true);

                public static string ExecuteText(object connection, string sql)
                {
                    try { ((SqliteConnection)connection).Execute(sql); return "ok"; }
                    catch (Exception e) { return Threw(e) + ": " + e.Message; }
                }

                public static long Probe_uuid_random(byte[] uu) { LibUuid.GenerateRandom(uu); return uu[6] >> 4; }
                public static long Probe_uuid_time(out long version) { int rc = LibUuid.GenerateTimeSafe(out Uuid u); version = u.Bytes[6] >> 4; return rc; }
                public static long VersionOf(object? result) { Uuid? u = Find<Uuid>(result); if (u is null) { return -1; } Uuid v = u.Value; return v.Bytes[6] >> 4; }

                public static object NewCookie() => new MagicCookie(0, null);

                public static string DescribeText(object cookie, byte[] data)
                {
                    try { return "ok:" + ((MagicCookie)cookie).Describe(data); }
                    catch (Exception e) { return Threw(e) + ": " + e.Message; }
                }
            }
        }
        """;

    public const string EmbeddedLibsLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.EmbeddedLibs
        {
            public static unsafe class EmbeddedLibsLibraryImportProbes
            {
                public static long Probe_uuid_parse(string text, byte[] uu) => LibUuidSpans.Parse(text, uu);
            }
        }
        """;
}
