// The same runner builds argv on the caller's thread and passes the array to the offloaded spawn wrapper: the worker
// reads only its parameters.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round16.ThreadState.SpawnTakesArgv;

internal static class Native
{
    [DllImport("libspawnshim", EntryPoint = "spawn_tool", SetLastError = true)]
    internal static extern int SpawnTool(string path, string[] argv);
}

public static partial class CompilerProcess
{
    private static readonly ThreadLocal<List<string>> s_argv = new(() => new List<string>());

    public static string[] TakeArguments()
    {
        List<string> argv = s_argv.Value!;
        string[] copy = argv.ToArray();
        argv.Clear();
        return copy;
    }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Spawn(string compiler, string[] argv) => Native.SpawnTool(compiler, argv);
}
