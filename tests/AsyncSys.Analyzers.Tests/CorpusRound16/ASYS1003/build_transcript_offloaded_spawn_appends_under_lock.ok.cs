// The same transcript is appended under a lock: concurrent spawns on AsyncSys workers write one line at a time.
using System.Runtime.InteropServices;
using System.Text;
using AsyncSys;

namespace Round16.SharedState.TranscriptUnderLock;

internal static class Native
{
    [DllImport("libspawnshim", EntryPoint = "spawn_tool", SetLastError = true)]
    internal static extern int SpawnTool(string path, string[] argv);
}

public static partial class CommandTranscript
{
    private static readonly object s_gate = new();
    private static readonly StringBuilder s_transcript = new();

    public static string Text
    {
        get
        {
            lock (s_gate)
            {
                return s_transcript.ToString();
            }
        }
    }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Spawn(string tool, string[] argv)
    {
        lock (s_gate)
        {
            s_transcript.Append(tool).Append(' ').AppendJoin(' ', argv).Append('\n');
        }

        return Native.SpawnTool(tool, argv);
    }
}
