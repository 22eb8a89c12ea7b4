using System.Runtime.InteropServices;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// Ring calls whose wrapper marshals the path as UTF-16: Linux reads the first character of it ("/" for an absolute
/// path), and the variant must do what the wrapper does. Beside them, the UTF-8 spellings of the same calls.
/// </summary>
public static partial class WidePathVariants
{
    // The UTF-16 declarations are the defect these tests need (ASYS0017 warns about each of them).
#pragma warning disable ASYS0017
    [DllImport("libc", EntryPoint = "mkdirat", CharSet = CharSet.Unicode, SetLastError = true)]
    [AsyncSyscall]
    public static extern int MkdirAtUnicode(int dirfd, string path, uint mode);

    [LibraryImport("libc", EntryPoint = "openat", StringMarshalling = StringMarshalling.Utf16, SetLastError = true)]
    [AsyncSyscall]
    public static partial int OpenAtUtf16(int dirfd, string path, int flags, int mode);

    [DllImport("libc", EntryPoint = "unlinkat", SetLastError = true)]
    [AsyncSyscall]
    public static extern int UnlinkAtWide(int dirfd, [MarshalAs(UnmanagedType.LPWStr)] string path, int flags);
#pragma warning restore ASYS0017

    [DllImport("libc", EntryPoint = "mkdirat", CharSet = CharSet.Ansi, SetLastError = true)]
    [AsyncSyscall]
    public static extern int MkdirAtAnsi(int dirfd, string path, uint mode);

    [DllImport("libc", EntryPoint = "unlinkat", CharSet = CharSet.Unicode, SetLastError = true)]
    [AsyncSyscall]
    public static extern int UnlinkAtUtf8Parameter(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
}

/// <summary>Worker calls whose wrapper passes an array with its count: the count must not pass the array's end.</summary>
public static partial class CountedArrayVariants
{
    [DllImport("libc", EntryPoint = "getgroups", SetLastError = true)]
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    public static extern int GetGroups(int size, [Out, MarshalAs(UnmanagedType.LPArray, SizeParamIndex = 0)] uint[]? list);

    [DllImport("libc", EntryPoint = "readlink", SetLastError = true)]
    [AsyncSyscall]
    public static extern nint ReadLink([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[]? buf, nint bufsiz);
}
