using System.Runtime.InteropServices;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>struct passwd (glibc, 64-bit).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct PasswdEntry
{
    public nint Name;
    public nint Password;
    public uint Uid;
    public uint Gid;
    public nint Gecos;
    public nint Directory;
    public nint Shell;
}

/// <summary>
/// A shape held-out round 31 found: getpwnam_r with its <c>struct passwd **result</c> marked <c>[OutputValue]</c>, a value
/// that is itself an address, which the generated record and state held as a pointer type (CS8908, CS0214).
/// </summary>
public static unsafe partial class RoundThirtyOneCalls
{
    [DllImport("libc", EntryPoint = "getpwnam_r")]
    [AsyncSyscall(Errors = SyscallErrors.ReturnsErrorNumber)]
    public static extern int GetPwNam(string name, [OutputValue] PasswdEntry* pwd, [OutputBuffer(nameof(buflen))] byte* buf, nuint buflen, [OutputValue] PasswdEntry** result);
}
