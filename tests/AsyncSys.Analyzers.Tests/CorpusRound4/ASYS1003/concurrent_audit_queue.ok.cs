using System;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round4.Shared.AuditQueue;

public static partial class Permissions
{
    private static readonly ConcurrentQueue<string> s_audit = new();

    [DllImport("libc", EntryPoint = "chmod", SetLastError = true)]
    private static extern int chmod_raw(string path, uint mode);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int SetMode(string path, uint mode)
    {
        Audit(path, mode);
        return chmod_raw(path, mode);
    }

    private static void Audit(string path, uint mode) => Append($"{DateTime.UtcNow:O} chmod {path} {Convert.ToString(mode, 8)}");

    private static void Append(string line) => s_audit.Enqueue(line);
}
