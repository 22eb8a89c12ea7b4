using System;

namespace AsyncSys.Generator;

/// <summary>
/// Libraries whose negative results are codes of their own, not errno values: stating that such a call reports -errno (or -1
/// and errno) would turn one of its codes into an unrelated errno (libnl's -NLE_BAD_SOCK, -3, would read as ESRCH; libusb's
/// LIBUSB_ERROR_TIMEOUT, -7, as E2BIG) and drop what the call wrote beside the failure (libusb_bulk_transfer's `transferred`
/// after a timeout). From each library's headers and manual; nothing is inferred from a name other than the library file's.
/// </summary>
internal static class OwnErrorCodeLibraries
{
    private static readonly (string Stem, string Codes, string Read)[] Libraries =
    {
        // libnl-3's lib/error.c and netlink/errno.h: "negative error code" NLE_* (NLE_BAD_SOCK 3, NLE_NOMEM 5, ...).
        ("libnl-3", "libnl's NLE_* codes (netlink/errno.h: NLE_BAD_SOCK is 3, ESRCH's number)", "nl_geterror"),
        ("libnl-genl-3", "libnl's NLE_* codes (netlink/errno.h: NLE_BAD_SOCK is 3, ESRCH's number)", "nl_geterror"),
        ("libnl-route-3", "libnl's NLE_* codes (netlink/errno.h: NLE_BAD_SOCK is 3, ESRCH's number)", "nl_geterror"),
        // libusb.h, enum libusb_error: LIBUSB_ERROR_IO -1 ... LIBUSB_ERROR_TIMEOUT -7 (E2BIG's number) ... LIBUSB_ERROR_OTHER -99.
        ("libusb-1.0", "libusb's LIBUSB_ERROR_* codes (libusb.h: LIBUSB_ERROR_TIMEOUT is -7, E2BIG's number; a timed-out transfer still reports what it moved)", "libusb_error_name"),
        ("libusb", "libusb's LIBUSB_ERROR_* codes (libusb.h: LIBUSB_ERROR_TIMEOUT is -7, E2BIG's number; a timed-out transfer still reports what it moved)", "libusb_error_name"),
        // git2/errors.h, git_error_code: GIT_ERROR -1, GIT_ENOTFOUND -3 (ESRCH's number), GIT_EEXISTS -4, ...
        ("libgit2", "libgit2's GIT_E* codes (git2/errors.h: GIT_ENOTFOUND is -3, ESRCH's number)", "git_error_last"),
        ("git2", "libgit2's GIT_E* codes (git2/errors.h: GIT_ENOTFOUND is -3, ESRCH's number)", "git_error_last"),
        // archive.h: ARCHIVE_RETRY -10, ARCHIVE_WARN -20, ARCHIVE_FAILED -25, ARCHIVE_FATAL -30 (EROFS's number).
        ("libarchive", "libarchive's ARCHIVE_* statuses (archive.h: ARCHIVE_FATAL is -30, EROFS's number)", "archive_errno and archive_error_string"),
        // pcap/pcap.h: PCAP_ERROR -1, PCAP_ERROR_BREAK -2, ... PCAP_ERROR_PERM_DENIED -8; the text is in pcap_geterr.
        ("libpcap", "libpcap's PCAP_ERROR_* codes (pcap/pcap.h: PCAP_ERROR_BREAK is -2, ENOENT's number; the text is the handle's)", "pcap_geterr"),
    };

    /// <summary>
    /// For an import from one of these libraries, what its negative results are and how to read them; else null.
    /// <paramref name="library"/> is the import's library as written (a file name, a path, with or without a version).
    /// </summary>
    public static (string Codes, string Read)? Of(string? library)
    {
        if (library is null)
        {
            return null;
        }

        string file = LibraryNames.FileOf(library);
        foreach ((string stem, string codes, string read) in Libraries)
        {
            if (LibraryNames.Is(file, stem))
            {
                return (codes, read);
            }
        }

        return null;
    }
}
