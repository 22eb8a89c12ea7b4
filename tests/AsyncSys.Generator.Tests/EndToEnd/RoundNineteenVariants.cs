using System.Runtime.InteropServices;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// Two shapes held-out round 18 left and round 19 ran: statx into a pointer marked <c>[OutputValue]</c> (the mark asks for
/// the struct back, as <c>out Statx</c> gets it), and getcwd with its buffer declared as an address, so getcwd(NULL, size)
/// (glibc allocates <c>size</c> bytes) can be asked.
/// </summary>
public static unsafe partial class RoundNineteenCalls
{
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    [AsyncSyscall]
    public static extern int StatxMarked(int dirfd, string pathname, int flags, uint mask, [OutputValue] Statx* statxbuf);

    [DllImport("libc", EntryPoint = "getcwd", SetLastError = true)]
    [AsyncSyscall(Errors = SyscallErrors.NullAndErrno)]
    public static extern nint GetCwdAt(nint buf, nuint size);

    [DllImport("libc", EntryPoint = "free")]
    public static extern void Free(nint p);
}
