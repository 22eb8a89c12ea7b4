using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Samples.FileCopy;

/// <summary>The syscalls the copy uses, declared once; the generator writes their ring variants (PReadAsync, ...).</summary>
internal static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PRead(SafeFileHandle file, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PWrite(SafeFileHandle file, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(SafeFileHandle file);
}
