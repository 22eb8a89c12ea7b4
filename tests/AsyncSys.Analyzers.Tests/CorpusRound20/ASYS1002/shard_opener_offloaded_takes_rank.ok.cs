// The same shard opener taking the rank as an argument: the caller reads its own thread's rank and passes it in.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.PerThread.OffloadedOpenTakesRank;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags, int mode);
}

public static partial class ShardOpener
{
    [ThreadStatic] internal static int t_rank;

    public static void EnterWorker(int rank) => t_rank = rank;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int OpenShard(string root, int rank, int index)
    {
        string path = $"{root}/rank-{rank:D4}/shard-{index:D6}.bin";
        return Native.Open(path, 0, 0);
    }

    public static ValueTask<int> OpenMineAsync(string root, int index, CancellationToken ct) =>
        OpenShardAsync(root, t_rank, index, ct);
}
