// A build tool keeps a transcript of every command line it ran (for a "--explain" report) in a static StringBuilder.
// The spawn wrapper appends to it and has no ring operation, so parallel compiles append from several AsyncSys workers
// at once: StringBuilder is not thread-safe, chunks are lost or interleaved mid-line and Append can throw
// IndexOutOfRange inside its chunk list.
using System.Runtime.InteropServices;
using System.Text;
using AsyncSys;

namespace Round16.SharedState.TranscriptStringBuilder;

internal static class Native
{
    [DllImport("libspawnshim", EntryPoint = "spawn_tool", SetLastError = true)]
    internal static extern int SpawnTool(string path, string[] argv);
}

public static partial class CommandTranscript
{
    private static readonly StringBuilder s_transcript = new();

    public static string Text => s_transcript.ToString();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Spawn(string tool, string[] argv)
    {
        /*~ASYS1003*/s_transcript.Append(tool).Append(' ').AppendJoin(' ', argv).Append('\n');
        return Native.SpawnTool(tool, argv);
    }
}
