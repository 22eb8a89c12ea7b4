using System;
using System.Runtime.InteropServices;

namespace AsyncSys.Interop;

/// <summary>Syscall numbers for the calls libc has no wrapper for, per architecture.</summary>
internal static class Syscalls
{
    private static readonly bool IsArm64 = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;

    // io_uring_* share numbers across architectures (asm-generic/unistd.h); io_* do not.
    internal const long IoUringSetup = 425;
    internal const long IoUringEnter = 426;
    internal const long IoUringRegister = 427;

    internal static long IoSetup => IsArm64 ? 0 : 206;
    internal static long IoDestroy => IsArm64 ? 1 : 207;
    internal static long IoSubmit => IsArm64 ? 2 : 209;
    internal static long IoCancel => IsArm64 ? 3 : 210;
    internal static long IoGetEvents => IsArm64 ? 4 : 208;
    internal static long IoPGetEvents => IsArm64 ? 292 : 333;
    internal static long Futex => IsArm64 ? 98 : 202;

    /// <summary>Whether this process can use the raw syscall numbers above.</summary>
    internal static bool IsSupportedPlatform =>
        OperatingSystem.IsLinux() &&
        (RuntimeInformation.ProcessArchitecture == Architecture.X64 || IsArm64);

    /// <summary>Calls syscall(2); returns the result, or -errno on failure (kernel convention).</summary>
    internal static long Invoke(long number, long a1 = 0, long a2 = 0, long a3 = 0, long a4 = 0, long a5 = 0, long a6 = 0)
    {
        long result = Libc.syscall(number, a1, a2, a3, a4, a5, a6);
        return result == -1 ? -Marshal.GetLastPInvokeError() : result;
    }
}
