using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AsyncSys.Interop;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// Our struct mirrors and public flag values against the real headers: a C program compiled here prints sizeof/offsetof
/// from linux/io_uring.h, linux/stat.h, linux/time_types.h and linux/aio_abi.h and the O_*, MSG_*, AT_*, STATX_* and SHUT_*
/// values from fcntl.h, sys/socket.h and linux/stat.h, and each must equal the managed one.
/// </summary>
public sealed class InteropLayoutTests
{
    private static readonly Lazy<Dictionary<string, long>> Native = new(CompileAndRun);

    public static TheoryData<string, long> ManagedLayout => new()
    {
        { "sizeof(struct io_uring_sqe)", Unsafe.SizeOf<IoUringSqe>() },
        { "offsetof(struct io_uring_sqe, opcode)", Offset<IoUringSqe>(nameof(IoUringSqe.Opcode)) },
        { "offsetof(struct io_uring_sqe, flags)", Offset<IoUringSqe>(nameof(IoUringSqe.Flags)) },
        { "offsetof(struct io_uring_sqe, ioprio)", Offset<IoUringSqe>(nameof(IoUringSqe.IoPrio)) },
        { "offsetof(struct io_uring_sqe, fd)", Offset<IoUringSqe>(nameof(IoUringSqe.Fd)) },
        { "offsetof(struct io_uring_sqe, off)", Offset<IoUringSqe>(nameof(IoUringSqe.Off)) },
        { "offsetof(struct io_uring_sqe, addr)", Offset<IoUringSqe>(nameof(IoUringSqe.Addr)) },
        { "offsetof(struct io_uring_sqe, len)", Offset<IoUringSqe>(nameof(IoUringSqe.Len)) },
        { "offsetof(struct io_uring_sqe, rw_flags)", Offset<IoUringSqe>(nameof(IoUringSqe.OpFlags)) },
        { "offsetof(struct io_uring_sqe, poll32_events)", Offset<IoUringSqe>(nameof(IoUringSqe.OpFlags)) },
        { "offsetof(struct io_uring_sqe, user_data)", Offset<IoUringSqe>(nameof(IoUringSqe.UserData)) },
        { "offsetof(struct io_uring_sqe, buf_index)", Offset<IoUringSqe>(nameof(IoUringSqe.BufIndex)) },
        { "offsetof(struct io_uring_sqe, personality)", Offset<IoUringSqe>(nameof(IoUringSqe.Personality)) },
        { "offsetof(struct io_uring_sqe, splice_fd_in)", Offset<IoUringSqe>(nameof(IoUringSqe.SpliceFdIn)) },
        { "offsetof(struct io_uring_sqe, addr3)", Offset<IoUringSqe>(nameof(IoUringSqe.Addr3)) },
        { "sizeof(struct io_uring_cqe)", Unsafe.SizeOf<IoUringCqe>() },
        { "offsetof(struct io_uring_cqe, user_data)", Offset<IoUringCqe>(nameof(IoUringCqe.UserData)) },
        { "offsetof(struct io_uring_cqe, res)", Offset<IoUringCqe>(nameof(IoUringCqe.Res)) },
        { "offsetof(struct io_uring_cqe, flags)", Offset<IoUringCqe>(nameof(IoUringCqe.Flags)) },
        { "sizeof(struct io_uring_params)", Unsafe.SizeOf<IoUringParams>() },
        { "offsetof(struct io_uring_params, sq_entries)", Offset<IoUringParams>(nameof(IoUringParams.SqEntries)) },
        { "offsetof(struct io_uring_params, cq_entries)", Offset<IoUringParams>(nameof(IoUringParams.CqEntries)) },
        { "offsetof(struct io_uring_params, flags)", Offset<IoUringParams>(nameof(IoUringParams.Flags)) },
        { "offsetof(struct io_uring_params, features)", Offset<IoUringParams>(nameof(IoUringParams.Features)) },
        { "offsetof(struct io_uring_params, wq_fd)", Offset<IoUringParams>(nameof(IoUringParams.WqFd)) },
        { "offsetof(struct io_uring_params, sq_off)", Offset<IoUringParams>(nameof(IoUringParams.SqOff)) },
        { "offsetof(struct io_uring_params, cq_off)", Offset<IoUringParams>(nameof(IoUringParams.CqOff)) },
        { "sizeof(struct io_sqring_offsets)", Unsafe.SizeOf<IoSqringOffsets>() },
        { "offsetof(struct io_sqring_offsets, flags)", Offset<IoSqringOffsets>(nameof(IoSqringOffsets.Flags)) },
        { "offsetof(struct io_sqring_offsets, array)", Offset<IoSqringOffsets>(nameof(IoSqringOffsets.Array)) },
        { "sizeof(struct io_cqring_offsets)", Unsafe.SizeOf<IoCqringOffsets>() },
        { "offsetof(struct io_cqring_offsets, overflow)", Offset<IoCqringOffsets>(nameof(IoCqringOffsets.Overflow)) },
        { "offsetof(struct io_cqring_offsets, cqes)", Offset<IoCqringOffsets>(nameof(IoCqringOffsets.Cqes)) },
        { "offsetof(struct io_cqring_offsets, flags)", Offset<IoCqringOffsets>(nameof(IoCqringOffsets.Flags)) },
        { "sizeof(struct io_uring_probe)", Unsafe.SizeOf<IoUringProbe>() },
        { "offsetof(struct io_uring_probe, ops_len)", Offset<IoUringProbe>(nameof(IoUringProbe.OpsLen)) },
        { "sizeof(struct io_uring_probe_op)", Unsafe.SizeOf<IoUringProbeOp>() },
        { "offsetof(struct io_uring_probe_op, flags)", Offset<IoUringProbeOp>(nameof(IoUringProbeOp.Flags)) },
        { "sizeof(struct __kernel_timespec)", Unsafe.SizeOf<KernelTimespec>() },
        { "sizeof(struct statx)", Unsafe.SizeOf<Statx>() },
        { "offsetof(struct statx, stx_mode)", Offset<Statx>(nameof(Statx.Mode)) },
        { "offsetof(struct statx, stx_ino)", Offset<Statx>(nameof(Statx.Inode)) },
        { "offsetof(struct statx, stx_size)", Offset<Statx>(nameof(Statx.FileSize)) },
        { "offsetof(struct statx, stx_atime)", Offset<Statx>(nameof(Statx.AccessTime)) },
        { "offsetof(struct statx, stx_mtime)", Offset<Statx>(nameof(Statx.ModificationTime)) },
        { "offsetof(struct statx, stx_mnt_id)", Offset<Statx>(nameof(Statx.MountId)) },
        { "offsetof(struct statx, stx_dio_mem_align)", Offset<Statx>(nameof(Statx.DirectIoMemoryAlignment)) },
        { "offsetof(struct statx, stx_dio_offset_align)", Offset<Statx>(nameof(Statx.DirectIoOffsetAlignment)) },
        { "IORING_OP_READ", (long)IoUringOp.Read },
        { "IORING_OP_LINK_TIMEOUT", (long)IoUringOp.LinkTimeout },
        { "IORING_OP_SPLICE", (long)IoUringOp.Splice },
        { "IORING_OP_MKDIRAT", (long)IoUringOp.MkdirAt },
        { "IORING_OP_SEND_ZC", (long)IoUringOp.SendZc },
        { "IORING_OFF_SQES", IoUringConstants.OffSqes },
        { "IORING_OFF_CQ_RING", IoUringConstants.OffCqRing },
        { "IORING_FEAT_NODROP", IoUringConstants.FeatNoDrop },
        { "IORING_SETUP_SUBMIT_ALL", IoUringConstants.SetupSubmitAll },
        { "IORING_ASYNC_CANCEL_FD", IoUringConstants.AsyncCancelFd },
        { "IOSQE_IO_LINK", IoUringConstants.SqeIoLink },
        { "IORING_REGISTER_PROBE", IoUringConstants.RegisterProbe },
        { "IORING_REGISTER_ENABLE_RINGS", IoUringConstants.RegisterEnableRings },
        { "IORING_REGISTER_RING_FDS", IoUringConstants.RegisterRingFds },
        { "IORING_UNREGISTER_RING_FDS", IoUringConstants.UnregisterRingFds },
        { "IORING_SETUP_CQSIZE", IoUringConstants.SetupCqSize },
        { "IORING_SETUP_CLAMP", IoUringConstants.SetupClamp },
        { "IORING_SETUP_R_DISABLED", IoUringConstants.SetupRDisabled },
        { "IORING_SETUP_COOP_TASKRUN", IoUringConstants.SetupCoopTaskRun },
        { "IORING_SETUP_TASKRUN_FLAG", IoUringConstants.SetupTaskRunFlag },
        { "IORING_SETUP_SINGLE_ISSUER", IoUringConstants.SetupSingleIssuer },
        { "IORING_SETUP_DEFER_TASKRUN", IoUringConstants.SetupDeferTaskRun },
        { "IORING_FEAT_EXT_ARG", IoUringConstants.FeatExtArg },
        { "IORING_ENTER_GETEVENTS", IoUringConstants.EnterGetEvents },
        { "IORING_ENTER_EXT_ARG", IoUringConstants.EnterExtArg },
        { "IORING_ENTER_REGISTERED_RING", IoUringConstants.EnterRegisteredRing },
        { "IORING_SQ_CQ_OVERFLOW", IoUringConstants.SqCqOverflow },
        { "IORING_SQ_TASKRUN", IoUringConstants.SqTaskRun },
        { "sizeof(struct io_uring_rsrc_update)", Unsafe.SizeOf<IoUringRsrcUpdate>() },
        { "offsetof(struct io_uring_rsrc_update, offset)", Offset<IoUringRsrcUpdate>(nameof(IoUringRsrcUpdate.Offset)) },
        { "offsetof(struct io_uring_rsrc_update, resv)", Offset<IoUringRsrcUpdate>(nameof(IoUringRsrcUpdate.Resv)) },
        { "offsetof(struct io_uring_rsrc_update, data)", Offset<IoUringRsrcUpdate>(nameof(IoUringRsrcUpdate.Data)) },
        // The word after sigmask_sz is "pad" in older headers and "min_wait_usec" in newer ones: not named here.
        { "sizeof(struct io_uring_getevents_arg)", Unsafe.SizeOf<IoUringGeteventsArg>() },
        { "offsetof(struct io_uring_getevents_arg, sigmask)", Offset<IoUringGeteventsArg>(nameof(IoUringGeteventsArg.Sigmask)) },
        { "offsetof(struct io_uring_getevents_arg, sigmask_sz)", Offset<IoUringGeteventsArg>(nameof(IoUringGeteventsArg.SigmaskSz)) },
        { "offsetof(struct io_uring_getevents_arg, ts)", Offset<IoUringGeteventsArg>(nameof(IoUringGeteventsArg.Ts)) },
        { "sizeof(struct iocb)", Unsafe.SizeOf<Iocb>() },
        { "offsetof(struct iocb, aio_data)", Offset<Iocb>(nameof(Iocb.Data)) },
        { "offsetof(struct iocb, aio_key)", Offset<Iocb>(nameof(Iocb.Key)) },
        { "offsetof(struct iocb, aio_rw_flags)", Offset<Iocb>(nameof(Iocb.RwFlags)) },
        { "offsetof(struct iocb, aio_lio_opcode)", Offset<Iocb>(nameof(Iocb.Opcode)) },
        { "offsetof(struct iocb, aio_reqprio)", Offset<Iocb>(nameof(Iocb.ReqPrio)) },
        { "offsetof(struct iocb, aio_fildes)", Offset<Iocb>(nameof(Iocb.Fd)) },
        { "offsetof(struct iocb, aio_buf)", Offset<Iocb>(nameof(Iocb.Buf)) },
        { "offsetof(struct iocb, aio_nbytes)", Offset<Iocb>(nameof(Iocb.NBytes)) },
        { "offsetof(struct iocb, aio_offset)", Offset<Iocb>(nameof(Iocb.Offset)) },
        { "offsetof(struct iocb, aio_reserved2)", Offset<Iocb>(nameof(Iocb.Reserved2)) },
        { "offsetof(struct iocb, aio_flags)", Offset<Iocb>(nameof(Iocb.Flags)) },
        { "offsetof(struct iocb, aio_resfd)", Offset<Iocb>(nameof(Iocb.ResFd)) },
        { "sizeof(struct io_event)", Unsafe.SizeOf<IoEvent>() },
        { "offsetof(struct io_event, data)", Offset<IoEvent>(nameof(IoEvent.Data)) },
        { "offsetof(struct io_event, obj)", Offset<IoEvent>(nameof(IoEvent.Obj)) },
        { "offsetof(struct io_event, res)", Offset<IoEvent>(nameof(IoEvent.Res)) },
        { "offsetof(struct io_event, res2)", Offset<IoEvent>(nameof(IoEvent.Res2)) },
        { "sizeof(aio_context_t)", sizeof(ulong) },
        { "IOCB_CMD_PREAD", AioConstants.CmdPread },
        { "IOCB_CMD_PWRITE", AioConstants.CmdPwrite },
        { "IOCB_CMD_FSYNC", AioConstants.CmdFsync },
        { "IOCB_CMD_FDSYNC", AioConstants.CmdFdsync },
        { "IOCB_CMD_POLL", AioConstants.CmdPoll },
        { "IOCB_CMD_PREADV", AioConstants.CmdPreadv },
        { "IOCB_CMD_PWRITEV", AioConstants.CmdPwritev },
        { "RWF_NOWAIT", AioConstants.RwfNowait },
        { "sizeof(__kernel_rwf_t)", sizeof(int) },

        // The public flag enums: O_* as converted for this architecture, the others as they are.
        { "O_RDONLY", NativeOpenFlags.From(OpenFlags.ReadOnly) },
        { "O_WRONLY", NativeOpenFlags.From(OpenFlags.WriteOnly) },
        { "O_RDWR", NativeOpenFlags.From(OpenFlags.ReadWrite) },
        { "O_CREAT", NativeOpenFlags.From(OpenFlags.Create) },
        { "O_EXCL", NativeOpenFlags.From(OpenFlags.Exclusive) },
        { "O_NOCTTY", NativeOpenFlags.From(OpenFlags.NoControllingTerminal) },
        { "O_TRUNC", NativeOpenFlags.From(OpenFlags.Truncate) },
        { "O_APPEND", NativeOpenFlags.From(OpenFlags.Append) },
        { "O_NONBLOCK", NativeOpenFlags.From(OpenFlags.NonBlocking) },
        { "O_DSYNC", NativeOpenFlags.From(OpenFlags.DataSync) },
        { "O_DIRECT", NativeOpenFlags.From(OpenFlags.Direct) },
        { "O_DIRECTORY", NativeOpenFlags.From(OpenFlags.Directory) },
        { "O_NOFOLLOW", NativeOpenFlags.From(OpenFlags.NoFollow) },
        { "O_NOATIME", NativeOpenFlags.From(OpenFlags.NoAccessTime) },
        { "O_CLOEXEC", NativeOpenFlags.From(OpenFlags.CloseOnExec) },
        { "O_SYNC", NativeOpenFlags.From(OpenFlags.Sync) },
        { "O_PATH", NativeOpenFlags.From(OpenFlags.Path) },
        { "O_TMPFILE", NativeOpenFlags.From(OpenFlags.TemporaryFile) },
        { "MSG_OOB", (long)MessageFlags.OutOfBand },
        { "MSG_PEEK", (long)MessageFlags.Peek },
        { "MSG_DONTROUTE", (long)MessageFlags.DontRoute },
        { "MSG_CTRUNC", (long)MessageFlags.ControlTruncated },
        { "MSG_TRUNC", (long)MessageFlags.Truncate },
        { "MSG_DONTWAIT", (long)MessageFlags.DontWait },
        { "MSG_EOR", (long)MessageFlags.EndOfRecord },
        { "MSG_WAITALL", (long)MessageFlags.WaitAll },
        { "MSG_CONFIRM", (long)MessageFlags.Confirm },
        { "MSG_ERRQUEUE", (long)MessageFlags.ErrorQueue },
        { "MSG_NOSIGNAL", (long)MessageFlags.NoSignal },
        { "MSG_MORE", (long)MessageFlags.More },
        { "MSG_WAITFORONE", (long)MessageFlags.WaitForOne },
        { "MSG_ZEROCOPY", (long)MessageFlags.ZeroCopy },
        { "MSG_FASTOPEN", (long)MessageFlags.FastOpen },
        { "MSG_CMSG_CLOEXEC", (long)MessageFlags.ControlCloseOnExec },
        { "AT_SYMLINK_NOFOLLOW", (long)AtFlags.SymlinkNoFollow },
        { "AT_REMOVEDIR", (long)AtFlags.RemoveDirectory },
        { "AT_SYMLINK_FOLLOW", (long)AtFlags.SymlinkFollow },
        { "AT_NO_AUTOMOUNT", (long)AtFlags.NoAutomount },
        { "AT_EMPTY_PATH", (long)AtFlags.EmptyPath },
        { "AT_STATX_FORCE_SYNC", (long)AtFlags.StatxForceSync },
        { "AT_STATX_DONT_SYNC", (long)AtFlags.StatxDontSync },
        { "STATX_TYPE", (long)StatxMask.Type },
        { "STATX_MODE", (long)StatxMask.Mode },
        { "STATX_NLINK", (long)StatxMask.HardLinks },
        { "STATX_UID", (long)StatxMask.UserId },
        { "STATX_GID", (long)StatxMask.GroupId },
        { "STATX_ATIME", (long)StatxMask.AccessTime },
        { "STATX_MTIME", (long)StatxMask.ModificationTime },
        { "STATX_CTIME", (long)StatxMask.ChangeTime },
        { "STATX_INO", (long)StatxMask.Inode },
        { "STATX_SIZE", (long)StatxMask.FileSize },
        { "STATX_BLOCKS", (long)StatxMask.Blocks },
        { "STATX_BASIC_STATS", (long)StatxMask.BasicStats },
        { "STATX_BTIME", (long)StatxMask.BirthTime },
        { "STATX_MNT_ID", (long)StatxMask.MountId },
        { "STATX_DIOALIGN", (long)StatxMask.DirectIoAlignment },
        { "SHUT_RD", (long)System.Net.Sockets.SocketShutdown.Receive },
        { "SHUT_WR", (long)System.Net.Sockets.SocketShutdown.Send },
        { "SHUT_RDWR", (long)System.Net.Sockets.SocketShutdown.Both },
        { "(sizeof(struct statx))", Statx.StructSize },
    };

    [Theory]
    [MemberData(nameof(ManagedLayout))]
    public void Managed_mirror_matches_the_kernel_header(string expression, long managed)
    {
        Assert.True(Native.Value.TryGetValue(expression, out long native), $"the C probe did not print {expression}");
        Assert.Equal(native, managed);
    }

    private static long Offset<T>(string field) => Marshal.OffsetOf<T>(field).ToInt64();

    private static Dictionary<string, long> CompileAndRun()
    {
        string dir = Path.Combine(Path.GetTempPath(), "asyncsys-layout-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        string source = Path.Combine(dir, "layout.c");
        string binary = Path.Combine(dir, "layout");
        var lines = new List<string>
        {
            "#define _GNU_SOURCE",
            "#include <stdio.h>",
            "#include <fcntl.h>",
            "#include <sys/socket.h>",
            "#include <stddef.h>",
            "#include <linux/io_uring.h>",
            "#include <linux/stat.h>",
            "#include <linux/time_types.h>",
            "#include <linux/aio_abi.h>",
            "int main(void) {",
        };
        foreach (object[] row in ManagedLayout)
        {
            string expression = (string)row[0];
            lines.Add($"  printf(\"%s=%lld\\n\", \"{expression}\", (long long)({expression}));");
        }

        lines.Add("  return 0;\n}");
        File.WriteAllLines(source, lines);
        Run(Prerequisites.CCompiler(), $"-o {binary} {source}");
        var result = new Dictionary<string, long>();
        foreach (string line in Run(binary, string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = line.LastIndexOf('=');
            result[line[..eq]] = long.Parse(line[(eq + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        }

        return result;
    }

    private static string Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {arguments} failed: {error}");
        return output;
    }
}
