// A Raft node persists its term and vote to a temporary file and renames it over the old one; when the rename fails it writes a log line first, then reads errno.
using System;
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Consensus.Persistence;

internal static partial class Posix
{
    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    internal static extern int rename(string oldPath, string newPath);
}

internal sealed class VoteFile
{
    private readonly string _path;

    public VoteFile(string path) => _path = path;

    public void Commit(long term, string? votedFor)
    {
        string temporary = _path + ".tmp";
        File.WriteAllText(temporary, $"{term} {votedFor ?? "-"}\n");
        if (Posix.rename(temporary, _path) != 0)
        {
            Console.Error.WriteLine($"vote file: cannot replace {_path} for term {term}");
            int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
            throw new ErrnoException(errno, "rename", _path);
        }
    }
}
