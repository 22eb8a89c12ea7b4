using System;
using System.Runtime.InteropServices;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>Wrappers whose path may be null (<c>string?</c>): NULL reaches the kernel from the synchronous call (EFAULT).</summary>
public static partial class NullablePathVariants
{
    [DllImport("libc", EntryPoint = "mkdirat", SetLastError = true)]
    [AsyncSyscall]
    public static extern int MkdirAt(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string? path, uint mode);

    [DllImport("libc", EntryPoint = "truncate", SetLastError = true)]
    [AsyncSyscall]
    public static extern int Truncate([MarshalAs(UnmanagedType.LPUTF8Str)] string? path, long length);
}
