using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Tests;

/// <summary>
/// ASYS0019: C library calls whose result points into storage the call reuses (a static area, a buffer of the calling thread,
/// the directory stream's buffer). A wrapper that is the call, or a body that hands its pointer on, is refused; a body that
/// copies what it needs before it returns, and the reentrant forms, are generated.
/// </summary>
public sealed class StaticResultTests
{
    private const string Prelude = """
        using System;
        using System.Runtime.InteropServices;
        using AsyncSys;

        public static unsafe partial class Native
        {
            [DllImport("libc", EntryPoint = "getpwnam", SetLastError = true)] internal static extern nint GetPwNam(string name);
            [DllImport("libc", EntryPoint = "inet_ntoa")] internal static extern nint InetNtoa(uint address);
            [DllImport("libcrypt.so.1", EntryPoint = "crypt_r")] internal static extern nint CryptR(string phrase, string setting, void* data);
            [DllImport("libc", EntryPoint = "readdir", SetLastError = true)] internal static extern byte* ReadDir(nint dirp);
            [DllImport("libc", EntryPoint = "gmtime_r")] internal static extern void* GmTimeR(long* time, void* result);
        }

        """;

    private static async Task<(string[] Messages, int Generated)> RunAsync(string source)
    {
        Compilation input = GeneratorHarness.Compile(Prelude + source);
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);
        string[] messages = (await GeneratorHarness.AnalyzeAsync(output)).Where(d => d.Id == "ASYS0019")
            .Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(m => m, System.StringComparer.Ordinal).ToArray();
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
        return (messages, run.Results[0].GeneratedSources.Length);
    }

    [Fact]
    public async Task A_call_whose_result_lives_in_reused_storage_is_refused_and_a_body_that_copies_it_is_generated()
    {
        // Held-out round 17: getpwnam, inet_ntoa, ttyname, readdir, tmpnam and setlocale imports, and a body returning
        // getpwnam's pointer, were generated: the caller read the static area after the await (round 16: crypt, noted).
        (string[] messages, int generated) = await RunAsync("""
            public static unsafe partial class Users
            {
                [DllImport("libc", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.NullAndErrno)]
                public static extern nint getpwnam(string name);

                [DllImport("libcrypt.so.1")]
                [AsyncSyscall(Errors = SyscallErrors.NullAndErrno)]
                public static extern nint crypt(string phrase, string setting);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static nint EntryOf(string name) => (nint)Native.GetPwNam(name);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static int Address(uint address, out nint text)
                {
                    nint p = Native.InetNtoa(address);
                    text = p;
                    return 0;
                }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static string? HomeOf(string name)
                {
                    nint entry = Native.GetPwNam(name);
                    return entry == 0 ? null : Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(entry, 32));
                }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static string? Text(uint address) => Marshal.PtrToStringUTF8(Native.InetNtoa(address));

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static string? NextName(nint dirp)
                {
                    byte* entry = Native.ReadDir(dirp);
                    return entry == null ? null : Marshal.PtrToStringUTF8((nint)(entry + 19));
                }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static string? Hash(string phrase, string setting)
                {
                    void* data = NativeMemory.AllocZeroed(32768);
                    try { return Marshal.PtrToStringUTF8(Native.CryptR(phrase, setting, data)); }
                    finally { NativeMemory.Free(data); }
                }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static long YearDay(long time)
                {
                    byte* tm = stackalloc byte[56];
                    return Native.GmTimeR(&time, tm) == null ? -1 : *(int*)(tm + 28);
                }
            }
            """);

        Assert.Equal(4, messages.Length);
        Assert.StartsWith("'Address' has a body that returns the result of 'inet_ntoa', whose result points into storage the call reuses (inet(3): a statically allocated buffer (per thread in glibc))", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("'EntryOf' has a body that returns the result of 'getpwnam', whose result points into storage the call reuses (getpwnam(3): a static struct passwd)", messages[1], System.StringComparison.Ordinal);
        Assert.StartsWith("'crypt' is 'crypt', whose result points into storage the call reuses (crypt(3): static storage, overwritten by subsequent calls)", messages[2], System.StringComparison.Ordinal);
        Assert.Contains("use crypt_r, or copy what you need in an ordinary method that calls crypt and return the copy", messages[2], System.StringComparison.Ordinal);
        Assert.StartsWith("'getpwnam' is 'getpwnam', whose result points into storage the call reuses", messages[3], System.StringComparison.Ordinal);
        Assert.Contains("use getpwnam_r", messages[3], System.StringComparison.Ordinal);
        Assert.Equal(5, generated);
    }

    [Fact]
    public async Task An_address_result_that_may_point_into_a_value_the_variant_hands_back_as_a_copy_is_refused()
    {
        // Held-out round 26 (noted, not counted): crypt_r with an [OutputValue] crypt_data returned the crypt_data in the
        // result and the address crypt_r returns, which points into the variant's copy of it; gmtime_r(time, out tm) the same
        // with its tm. The synchronous wrapper's address is the caller's own variable; the variant's dangled after the await.
        // A count (read's ssize_t as nint) with an out value, and a NULL-and-errno address with no value written, are generated.
        (string[] messages, int generated) = await RunAsync("""
            public struct Tm { public int Sec, Min, Hour, Mday, Mon, Year, Wday, Yday, Isdst; public long Gmtoff; public nint Zone; }
            public unsafe struct CryptData { public fixed byte Output[384]; }
            public struct Event { public long Sec, Usec; public ushort Type, Code; public int Value; }
            public static unsafe partial class Times
            {
                [DllImport("libc", EntryPoint = "gmtime_r", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.NullAndErrno)]
                public static extern nint GmTime(nint time, out Tm result);

                [DllImport("libc", EntryPoint = "localtime_r", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.NullAndErrno)]
                public static extern IntPtr LocalTime(nint time, [OutputValue] Tm* result);

                [DllImport("libcrypt.so.1", EntryPoint = "crypt_r", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.NullAndErrno)]
                public static extern nint Crypt(string phrase, string setting, [OutputValue] CryptData* data);

                [DllImport("libc", EntryPoint = "read", SetLastError = true)]
                [AsyncSyscall]
                public static extern nint ReadEvent(int fd, out Event value, nint count);

                [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.NullAndErrno)]
                public static extern nint RealPath(string path, nint resolved);

                [DllImport("libc", EntryPoint = "gmtime_r", SetLastError = true)] private static extern nint GmTimeRaw(nint time, out Tm result);
                [DllImport("libc", EntryPoint = "gmtime_r", SetLastError = true)] private static extern Tm* GmTimePointer(long* time, Tm* result);

                // Returns gmtime_r's address, which is the address of 'tm' itself.
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NullAndErrno)]
                public static nint LendsOut(nint time, out Tm tm) => GmTimeRaw(time, out tm);

                // Copies the value out and returns 0 or 1 (held-out round 15's tm.gmtime_r_ordinary): nothing points into 'tm'.
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NullAndErrno)]
                public static nint CopiesOut(long time, out Tm tm)
                {
                    Tm result;
                    Tm* r = GmTimePointer(&time, &result);
                    tm = result;
                    return r == null ? 0 : 1;
                }
            }
            """);

        Assert.Equal(4, messages.Length);
        Assert.StartsWith("'LendsOut' is the ordinary method 'LendsOut', whose result points into the variant's own storage (an address, NULL on failure, that may point into 'tm'", messages[2], System.StringComparison.Ordinal);
        Assert.StartsWith("'Crypt' is 'crypt_r', whose result points into the variant's own storage (an address, NULL on failure, that may point into 'data', the value the call writes", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("'GmTime' is 'gmtime_r', whose result points into the variant's own storage (an address, NULL on failure, that may point into 'result'", messages[1], System.StringComparison.Ordinal);
        Assert.StartsWith("'LocalTime' is 'localtime_r', whose result points into the variant's own storage", messages[3], System.StringComparison.Ordinal);
        Assert.All(messages, m => Assert.EndsWith("return the value only (make the call in an ordinary method that checks the address for NULL and returns the value written into '" + (m.Contains("'data'", System.StringComparison.Ordinal) ? "data" : m.Contains("'tm'", System.StringComparison.Ordinal) ? "tm" : "result") + "'), or pass the value's address as nint, from memory kept fixed until the task completes; no variant is generated", m, System.StringComparison.Ordinal));
        Assert.Equal(3, generated); // ReadEvent, RealPath and CopiesOut
    }

    [Fact]
    public async Task Text_a_library_keeps_in_the_object_it_is_given_is_refused_and_a_body_that_copies_it_is_generated()
    {
        // Held-out round 28: zlib's gzerror, sqlite3_errmsg and libmagic's magic_buffer were generated; their text lives in the
        // gzFile, the connection or the cookie and is overwritten by the next call on it, which after the await may already
        // have run. Constant texts (sqlite3_errstr, ZSTD_getErrorName) and a body that copies the message are generated.
        (string[] messages, int generated) = await RunAsync("""
            public static unsafe partial class Libraries
            {
                [DllImport("libz.so.1", EntryPoint = "gzerror")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern nint GzError(nint file, out int errnum);

                [DllImport("libsqlite3.so.0", EntryPoint = "sqlite3_errmsg")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern IntPtr ErrorMessage(IntPtr db);

                [DllImport("libsqlite3.so.0", EntryPoint = "sqlite3_column_text")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern IntPtr ColumnText(IntPtr stmt, int column);

                [DllImport("libmagic.so.1", EntryPoint = "magic_buffer")]
                [AsyncSyscall(Errors = SyscallErrors.NullAndErrno)]
                public static extern IntPtr Describe(IntPtr cookie, byte[] buffer, nuint length);

                [DllImport("libsqlite3.so.0", EntryPoint = "sqlite3_errstr")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern IntPtr ErrorString(int code);

                [DllImport("libzstd.so.1", EntryPoint = "ZSTD_getErrorName")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern nint ErrorName(nuint code);

                [DllImport("libsqlite3.so.0", EntryPoint = "sqlite3_errmsg")] private static extern IntPtr ErrMsgRaw(IntPtr db);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static nint LendsMessage(IntPtr db) => ErrMsgRaw(db);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static string? CopiesMessage(IntPtr db) => Marshal.PtrToStringUTF8(ErrMsgRaw(db));
            }
            """);

        Assert.Equal(5, messages.Length);
        Assert.StartsWith("'ColumnText' is 'sqlite3_column_text', whose result points into storage the call reuses (SQLite: the statement's row, freed by the next sqlite3_step", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("'Describe' is 'magic_buffer', whose result points into storage the call reuses (libmagic(3): the cookie's buffer, overwritten by the cookie's next call)", messages[1], System.StringComparison.Ordinal);
        Assert.StartsWith("'ErrorMessage' is 'sqlite3_errmsg', whose result points into storage the call reuses (SQLite: the connection's message", messages[2], System.StringComparison.Ordinal);
        Assert.StartsWith("'GzError' is 'gzerror', whose result points into storage the call reuses (zlib's manual: the gzFile's message", messages[3], System.StringComparison.Ordinal);
        Assert.StartsWith("'LendsMessage' has a body that returns the result of 'sqlite3_errmsg'", messages[4], System.StringComparison.Ordinal);
        Assert.Contains("copy the text (or bytes) in an ordinary method that calls sqlite3_errmsg and return the copy", messages[4], System.StringComparison.Ordinal);
        Assert.Equal(3, generated); // ErrorString, ErrorName and CopiesMessage
    }

    [Fact]
    public async Task Lmdb_error_text_is_strerrors_for_a_system_error_and_is_refused_while_a_body_that_copies_it_is_generated()
    {
        // Held-out round 30: mdb_strerror was generated; for an error number >= 0 it returns strerror(3)'s text, which glibc
        // writes into a buffer of the calling thread for an unknown number (lmdb.h).
        (string[] messages, int generated) = await RunAsync("""
            public static unsafe partial class Lmdb
            {
                [DllImport("lmdb")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern nint mdb_strerror(int err);

                [DllImport("lmdb", EntryPoint = "mdb_strerror")] private static extern nint StrErrorRaw(int err);

                [AsyncSyscall(RingOp.None)]
                public static string Describe(int err) => Marshal.PtrToStringUTF8(StrErrorRaw(err)) ?? "";
            }
            """);

        Assert.StartsWith("'mdb_strerror' is 'mdb_strerror', whose result points into storage the call reuses (lmdb.h: for a system error number, the text strerror(3) returns", Assert.Single(messages), System.StringComparison.Ordinal);
        Assert.Contains("copy the string in an ordinary method that calls mdb_strerror", messages[0], System.StringComparison.Ordinal);
        Assert.Equal(1, generated);
    }

    [Fact]
    public async Task Client_library_error_texts_kept_in_the_connection_and_alsa_strerror_are_refused_while_bodies_that_copy_them_are_generated()
    {
        // Held-out round 31: PQerrorMessage and mysql_error (the connection's message, overwritten by its next call) and
        // snd_strerror (strerror(3)'s text for a system error code) were generated. curl_easy_strerror returns string constants
        // and stays generated.
        (string[] messages, int generated) = await RunAsync("""
            public static unsafe partial class Clients
            {
                [DllImport("libpq.so.5")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern nint PQerrorMessage(nint conn);

                [DllImport("mysqlclient")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern nint mysql_error(nint mysql);

                [DllImport("libasound.so.2")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern nint snd_strerror(int errnum);

                [DllImport("libcurl.so.4")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern nint curl_easy_strerror(int code);

                [DllImport("libpq.so.5", EntryPoint = "PQerrorMessage")] private static extern nint ErrorMessageRaw(nint conn);

                [AsyncSyscall(RingOp.None)]
                public static string Describe(nint conn) => Marshal.PtrToStringUTF8(ErrorMessageRaw(conn)) ?? "";
            }
            """);

        Assert.True(messages.Length == 3, string.Join("\n", messages));
        Assert.StartsWith("'PQerrorMessage' is 'PQerrorMessage', whose result points into storage the call reuses (libpq: the connection's message, owned by the PGconn", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("'mysql_error' is 'mysql_error', whose result points into storage the call reuses (MySQL C API: the connection's message", messages[1], System.StringComparison.Ordinal);
        Assert.StartsWith("'snd_strerror' is 'snd_strerror', whose result points into storage the call reuses (ALSA: for a system error code, the text strerror(3) returns", messages[2], System.StringComparison.Ordinal);
        Assert.Contains("copy the text (or bytes) in an ordinary method that calls PQerrorMessage", messages[0], System.StringComparison.Ordinal);
        Assert.Equal(2, generated);
    }
}
