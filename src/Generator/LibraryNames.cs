using System;

namespace AsyncSys.Generator;

/// <summary>
/// How an import's library is compared with a library the generator knows: by its file name (a path's last part, with
/// either separator) and a stem that the name starts with, followed by nothing, a '.' or a '-' (libssl, libssl.so.3,
/// libusb-1.0). Shared by the tables that know libraries by name (calling-thread state, libraries with error codes of
/// their own, other systems' libraries).
/// </summary>
internal static class LibraryNames
{
    /// <summary>The file name of a library as an import writes it: the part after the last '/' or '\'.</summary>
    public static string FileOf(string library) => library.Substring(library.LastIndexOfAny(new[] { '/', '\\' }) + 1);

    /// <summary>Whether <paramref name="file"/> names the library <paramref name="stem"/>, ignoring case and any version suffix.</summary>
    public static bool Is(string file, string stem) =>
        file.StartsWith(stem, StringComparison.OrdinalIgnoreCase)
        && (file.Length == stem.Length || file[stem.Length] is '.' or '-');
}
