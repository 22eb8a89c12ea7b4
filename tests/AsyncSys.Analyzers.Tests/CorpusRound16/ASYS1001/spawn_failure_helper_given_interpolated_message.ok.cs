// A process runner spawns a compiler with fork-free vfork+exec through a small native shim that sets errno. On failure
// it throws through a helper that reads errno; the message argument is an interpolated string, built (string.Concat)
// before the helper runs. No P/Invoke runs between the failed spawn and the read, so the saved error is the spawn's.
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Round16.Errno.SpawnFailureInterpolatedMessage;

internal static class Native
{
    [DllImport("libspawnshim", EntryPoint = "spawn_tool", SetLastError = true)]
    internal static extern int SpawnTool(string path, string[] argv, out int stdoutFd);
}

public static class ToolRunner
{
    private static IOException Failure(string what) => new IOException(what + " failed, errno " + Marshal.GetLastPInvokeError());

    public static (int Pid, int StdoutFd) Start(string tool, string[] argv)
    {
        int pid = Native.SpawnTool(tool, argv, out int stdoutFd);
        if (pid < 0)
        {
            throw Failure($"spawn {tool} with {argv.Length} arguments");
        }

        return (pid, stdoutFd);
    }
}
