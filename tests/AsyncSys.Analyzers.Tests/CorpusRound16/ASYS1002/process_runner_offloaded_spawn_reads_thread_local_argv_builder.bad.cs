// A build tool's process runner keeps one argv builder per thread (ThreadLocal<List<string>>) to avoid allocating a
// list per compiler invocation. The caller fills its builder, then calls the spawn wrapper, which has no ring operation
// and therefore runs on an AsyncSys worker: there .Value is the worker's own (empty or stale) list, so the compiler is
// started with another job's arguments or none.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round16.ThreadState.SpawnThreadLocalArgv;

internal static class Native
{
    [DllImport("libspawnshim", EntryPoint = "spawn_tool", SetLastError = true)]
    internal static extern int SpawnTool(string path, string[] argv);
}

public static partial class CompilerProcess
{
    private static readonly ThreadLocal<List<string>> s_argv = new(() => new List<string>());

    public static List<string> Arguments => s_argv.Value!;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Spawn(string compiler)
    {
        string[] argv = /*~ASYS1002*/s_argv.Value!.ToArray();
        return Native.SpawnTool(compiler, argv);
    }
}
