// Each data-loader worker thread records its distributed rank in a [ThreadStatic] field, and the shard opener, an
// offloaded wrapper (no ring opcode: it runs on an AsyncSys worker), builds the shard path from it. On the worker the
// field is the worker's (0 by default), so every rank opens rank 0's shards and trains on duplicated data.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round20.PerThread.OffloadedOpenReadsRank;

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
    public static int OpenShard(string root, int index)
    {
        string path = $"{root}/rank-{/*~ASYS1002*/t_rank:D4}/shard-{index:D6}.bin";
        return Native.Open(path, 0, 0);
    }
}
