// A Raft node installs a received snapshot in an async local function: fsync of the temporary file on the ring, the renameat variant awaited, then fsync of the directory.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Consensus.Snapshots;

public static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "renameat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [AsyncSyscall]
    public static partial int RenameAt(int oldDirFd, string oldPath, int newDirFd, string newPath);
}

public sealed class SnapshotInstaller
{
    private readonly IoRing _ring;
    private readonly int _dirFd;

    public SnapshotInstaller(IoRing ring, int dirFd)
    {
        _ring = ring;
        _dirFd = dirFd;
    }

    public Task InstallAsync(int temporaryFd, long lastIncludedIndex, CancellationToken ct)
    {
        return Install();

        async Task Install()
        {
            await _ring.FsyncAsync(temporaryFd, ct);
            await Libc.RenameAtAsync(_dirFd, "snapshot.tmp", _dirFd, $"snapshot-{lastIncludedIndex}", ct);
            await _ring.FsyncAsync(_dirFd, ct);
        }
    }
}
