using StringComparison = System.StringComparison;

namespace AsyncSys.Generator;

/// <summary>
/// One C library call whose result points into storage the call reuses, as its man page says: a static area every thread
/// shares (getpwnam's struct passwd, gmtime's struct tm, crypt's string), a buffer of the calling thread (glibc's inet_ntoa),
/// or the directory stream's buffer (readdir). A later call overwrites it.
/// </summary>
/// <param name="EntryPoint">The libc symbol.</param>
/// <param name="Why">What the man page says about the storage, for the message.</param>
/// <param name="Instead">What the user can do instead: the reentrant form, or a copy made in the body.</param>
internal sealed record StaticResultCall(string EntryPoint, string Why, string Instead);

/// <summary>
/// The C library calls whose result points into storage the call reuses. A variant hands the caller that pointer only after
/// its await, from a worker: by then another call (a second variant awaited together, which runs on another worker; any
/// thread's call; the worker's next call for per-thread storage) may have overwritten it. A wrapper that is one of these
/// calls is refused (ASYS0019), and so is an ordinary method whose body returns the call's pointer (or stores it in an out or
/// ref parameter or a field); a body that reads what it needs from the result before it returns is generated. From the man
/// pages' RETURN VALUE and ATTRIBUTES sections ("static data", "MT-Unsafe race:..."), and for zlib, SQLite and libmagic from
/// their manuals (storage of the object the call is given); nothing is inferred from a name.
/// </summary>
internal static class StaticResultCalls
{
    private static readonly StaticResultCall[] Calls =
    {
        // getpwnam(3), getgrnam(3), getspnam(3): "may point to a static area ... overwritten by subsequent calls"; MT-Unsafe race:pwnam etc.
        Entry("getpwnam", "getpwnam(3): a static struct passwd", "getpwnam_r"),
        Entry("getpwuid", "getpwuid(3): a static struct passwd", "getpwuid_r"),
        Entry("getpwent", "getpwent(3): a static struct passwd", "getpwent_r"),
        Entry("fgetpwent", "fgetpwent(3): a static struct passwd", "fgetpwent_r"),
        Entry("getgrnam", "getgrnam(3): a static struct group", "getgrnam_r"),
        Entry("getgrgid", "getgrgid(3): a static struct group", "getgrgid_r"),
        Entry("getgrent", "getgrent(3): a static struct group", "getgrent_r"),
        Entry("fgetgrent", "fgetgrent(3): a static struct group", "fgetgrent_r"),
        Entry("getspnam", "getspnam(3): a static struct spwd", "getspnam_r"),
        Entry("getspent", "getspent(3): a static struct spwd", "getspent_r"),
        // gethostbyname(3): "may point to static data, which may be overwritten by subsequent calls"; the error is in h_errno,
        // which is per thread. getservent(3), getprotoent(3), getnetent(3): the same static storage.
        Entry("gethostbyname", "gethostbyname(3): static data, and the error in the calling thread's h_errno", "getaddrinfo (or gethostbyname_r)"),
        Entry("gethostbyname2", "gethostbyname2(3): static data, and the error in the calling thread's h_errno", "getaddrinfo (or gethostbyname2_r)"),
        Entry("gethostbyaddr", "gethostbyaddr(3): static data, and the error in the calling thread's h_errno", "getnameinfo (or gethostbyaddr_r)"),
        Entry("gethostent", "gethostent(3): static data", "gethostent_r"),
        Entry("getservbyname", "getservbyname(3): a static struct servent", "getservbyname_r"),
        Entry("getservbyport", "getservbyport(3): a static struct servent", "getservbyport_r"),
        Entry("getservent", "getservent(3): a static struct servent", "getservent_r"),
        Entry("getprotobyname", "getprotobyname(3): a static struct protoent", "getprotobyname_r"),
        Entry("getprotobynumber", "getprotobynumber(3): a static struct protoent", "getprotobynumber_r"),
        Entry("getprotoent", "getprotoent(3): a static struct protoent", "getprotoent_r"),
        Entry("getnetbyname", "getnetbyname(3): a static struct netent", "getnetbyname_r"),
        Entry("getnetbyaddr", "getnetbyaddr(3): a static struct netent", "getnetbyaddr_r"),
        Entry("getnetent", "getnetent(3): a static struct netent", "getnetent_r"),
        Entry("getmntent", "getmntent(3): a static struct mntent", "getmntent_r"),
        // ctime(3): "return values point to statically allocated strings which might be overwritten by subsequent calls".
        Entry("gmtime", "ctime(3): gmtime returns a statically allocated struct tm", "gmtime_r"),
        Entry("localtime", "ctime(3): localtime returns a statically allocated struct tm", "localtime_r"),
        Entry("ctime", "ctime(3): a statically allocated string", "ctime_r"),
        Entry("asctime", "ctime(3): a statically allocated string", "asctime_r"),
        Entry("getdate", "getdate(3): a static struct tm, and the error in the variable getdate_err", "getdate_r"),
        // inet(3): "a statically allocated buffer, which subsequent calls will overwrite" (glibc's is per thread).
        Entry("inet_ntoa", "inet(3): a statically allocated buffer (per thread in glibc)", "inet_ntop"),
        Entry("ether_ntoa", "ether_aton(3): a statically allocated buffer", "ether_ntoa_r"),
        Entry("ether_aton", "ether_aton(3): a statically allocated buffer", "ether_aton_r"),
        // ttyname(3), ptsname(3), getlogin(3): "may point to static data, possibly overwritten by the next call".
        Entry("ttyname", "ttyname(3): static data", "ttyname_r"),
        Entry("ptsname", "ptsname(3): static data", "ptsname_r"),
        Entry("getlogin", "getlogin(3): static data", "getlogin_r"),
        Entry("cuserid", "cuserid(3): a static buffer when called with NULL", "getpwuid_r(geteuid())"),
        // readdir(3): "may be overwritten by subsequent calls to readdir() for the same directory stream".
        new("readdir", "readdir(3): the directory stream's buffer, overwritten by the next readdir of the stream", "read d_name (and what else you need) in an ordinary method that calls readdir, and return the copy"),
        new("readdir64", "readdir(3): the directory stream's buffer, overwritten by the next readdir of the stream", "read d_name (and what else you need) in an ordinary method that calls readdir64, and return the copy"),
        // tmpnam(3): with NULL, "an internal static area"; crypt(3): "a pointer to static storage"; setlocale(3): "static storage".
        new("tmpnam", "tmpnam(3): an internal static area when called with NULL", "pass a buffer of L_TMPNAM bytes from an ordinary method that calls tmpnam and returns the name as a string (or use mkstemp)"),
        Entry("crypt", "crypt(3): static storage, overwritten by subsequent calls", "crypt_r"),
        new("setlocale", "setlocale(3): static storage, overwritten by a later call", "copy the string in an ordinary method that calls setlocale, and return the copy"),
        new("strsignal", "strsignal(3): a static buffer (per thread in glibc) for an unknown signal", "copy the string in an ordinary method that calls strsignal (or use sigdescr_np)"),
        Entry("ecvt", "ecvt(3): a static buffer", "ecvt_r"),
        Entry("fcvt", "ecvt(3): a static buffer", "fcvt_r"),
        Entry("qecvt", "qecvt(3): a static buffer", "qecvt_r"),
        Entry("qfcvt", "qecvt(3): a static buffer", "qfcvt_r"),
        new("l64a", "l64a(3): a static buffer", "copy the string in an ordinary method that calls l64a"),
        new("getpass", "getpass(3): a static buffer", "copy the string in an ordinary method that calls getpass"),
        new("getusershell", "getusershell(3): a static buffer", "copy the string in an ordinary method that calls getusershell"),
        // Third-party libraries whose text lives in the object the call is given (a gzFile, a SQLite connection or statement, a
        // libmagic cookie) and is overwritten by the next call on that object; from their manuals.
        // zlib's manual, gzerror: "The application must not modify the returned string. Future calls to this function may
        // invalidate the previously returned string."
        Copy("gzerror", "zlib's manual: the gzFile's message, invalidated by the next call on the file"),
        // sqlite3_errcode: "the error string might be overwritten or deallocated by subsequent calls to other SQLite interface
        // functions"; sqlite3_column_blob: "valid until a type conversion occurs ..., or until sqlite3_step() or sqlite3_reset() or
        // sqlite3_finalize() is called"; sqlite3_column_name: "valid until ... the next call to sqlite3_column_name() or
        // sqlite3_column_name16() on the same column".
        Copy("sqlite3_errmsg", "SQLite: the connection's message, overwritten or freed by the next call on the connection"),
        Copy("sqlite3_errmsg16", "SQLite: the connection's message, overwritten or freed by the next call on the connection"),
        Copy("sqlite3_column_text", "SQLite: the statement's row, freed by the next sqlite3_step, sqlite3_reset or type conversion"),
        Copy("sqlite3_column_text16", "SQLite: the statement's row, freed by the next sqlite3_step, sqlite3_reset or type conversion"),
        Copy("sqlite3_column_blob", "SQLite: the statement's row, freed by the next sqlite3_step, sqlite3_reset or type conversion"),
        Copy("sqlite3_column_name", "SQLite: the statement's column name, freed by the next sqlite3_column_name on the column"),
        Copy("sqlite3_column_name16", "SQLite: the statement's column name, freed by the next sqlite3_column_name16 on the column"),
        // libmagic(3): the description and the error text are kept in the cookie, overwritten by its next call.
        Copy("magic_buffer", "libmagic(3): the cookie's buffer, overwritten by the cookie's next call"),
        Copy("magic_file", "libmagic(3): the cookie's buffer, overwritten by the cookie's next call"),
        Copy("magic_descriptor", "libmagic(3): the cookie's buffer, overwritten by the cookie's next call"),
        Copy("magic_error", "libmagic(3): the cookie's message, overwritten by the cookie's next call"),
        // lmdb.h, mdb_strerror: "If the error code is greater than or equal to 0, then the string returned by the system
        // function strerror(3) is returned" (glibc writes an unknown number's text into a buffer of the calling thread,
        // overwritten by its next call); LMDB's own codes are static text.
        new("mdb_strerror", "lmdb.h: for a system error number, the text strerror(3) returns (for an unknown number, a buffer of the calling thread, overwritten by its next call)", "copy the string in an ordinary method that calls mdb_strerror, and return the copy"),
        // libpq, PQerrorMessage: "Nearly all libpq functions will set a message for PQerrorMessage if they fail. ... the
        // returned string ... storage is owned by the PGconn ... will be overwritten by the next libpq function" on it. MySQL C
        // API, mysql_error()/mysql_sqlstate()/mysql_stmt_error(): the message of the connection's (statement's) last failed
        // call, kept in the MYSQL (MYSQL_STMT) structure and replaced by its next call.
        Copy("PQerrorMessage", "libpq: the connection's message, owned by the PGconn and overwritten by the next libpq call on it"),
        Copy("mysql_error", "MySQL C API: the connection's message, kept in the MYSQL structure and replaced by its next call"),
        Copy("mysql_sqlstate", "MySQL C API: the connection's SQLSTATE, kept in the MYSQL structure and replaced by its next call"),
        Copy("mysql_stmt_error", "MySQL C API: the statement's message, kept in the MYSQL_STMT structure and replaced by its next call"),
        // sd_journal_get_data(3): "The returned data is valid until the next invocation of sd_journal_get_data() or
        // sd_journal_enumerate_data(), or a read pointer is altered"; the pointer is written through the call's `data` argument.
        Copy("sd_journal_get_data", "sd_journal_get_data(3): the data pointer it writes points into the journal's own memory, valid until the next call on that journal"),
        Copy("sd_journal_enumerate_data", "sd_journal_get_data(3): the data pointer it writes points into the journal's own memory, valid until the next call on that journal"),
        Copy("sd_journal_enumerate_available_data", "sd_journal_get_data(3): the data pointer it writes points into the journal's own memory, valid until the next call on that journal"),
        // pcap_next_ex(3PCAP): "The struct pcap_pkthdr and the packet data are not to be freed by the caller, and are not
        // guaranteed to be valid after the next call to pcap_next_ex(), pcap_next(), pcap_loop(), or pcap_dispatch()";
        // pcap_geterr(3PCAP): the handle's error buffer, overwritten by its next failure.
        Copy("pcap_next_ex", "pcap_next_ex(3PCAP): the header and data pointers it writes point into the handle's buffer, not valid after the handle's next read"),
        Copy("pcap_next", "pcap_next(3PCAP): the packet data points into the handle's buffer, not valid after the handle's next read"),
        Copy("pcap_geterr", "pcap_geterr(3PCAP): the handle's error buffer, overwritten by its next failure"),
        // archive_util(3), archive_error_string: the archive object's message, replaced by the object's next failure.
        Copy("archive_error_string", "archive_util(3): the archive object's message, replaced by the object's next failure"),
        // ALSA, snd_strerror (src/error.c): for a code below SND_ERROR_BEGIN "the string returned by strerror(3)" (glibc writes
        // an unknown number's text into a buffer of the calling thread, overwritten by its next call); ALSA's own codes are
        // static text.
        new("snd_strerror", "ALSA: for a system error code, the text strerror(3) returns (for an unknown number, a buffer of the calling thread, overwritten by its next call)", "copy the string in an ordinary method that calls snd_strerror, and return the copy"),
    };

    private static StaticResultCall Copy(string call, string why) =>
        new(call, why, "copy the text (or bytes) in an ordinary method that calls " + call + " and return the copy, made before any other call on that object");

    private static StaticResultCall Entry(string call, string why, string reentrant) =>
        new(call, why, "use " + reentrant + ", or copy what you need in an ordinary method that calls " + call + " and return the copy");

    /// <summary>The call for an entry point: an exact match first, then one ignoring case (as the other tables are looked up).</summary>
    public static StaticResultCall? Find(string entryPoint)
    {
        StaticResultCall? ignoringCase = null;
        foreach (StaticResultCall call in Calls)
        {
            if (string.Equals(call.EntryPoint, entryPoint, StringComparison.Ordinal))
            {
                return call;
            }

            if (ignoringCase is null && string.Equals(call.EntryPoint, entryPoint, StringComparison.OrdinalIgnoreCase))
            {
                ignoringCase = call;
            }
        }

        return ignoringCase;
    }
}
