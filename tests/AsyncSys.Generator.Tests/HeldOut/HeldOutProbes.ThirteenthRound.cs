namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the thirteenth blind round (Lookups.case, Ipc.case), written with the case files before the
/// generator was run on them. Same convention: the call's result, or -errno; a call returning the error number gives -that
/// number; a call the man page lets fail without setting errno (sysconf's indeterminate limits) gives -1 with
/// <c>LastErrno</c> 0. Values a call wrote are kept in the probe class's state (taken by the run); addresses are numbers.
/// </summary>
internal static partial class HeldOutProbes
{
    public const string Lookups = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Lookups
        {
            public static unsafe class LookupProbes
            {
                [DllImport("libc", EntryPoint = "pipe2", SetLastError = true)] private static extern int pipe2_for_runs(int* fds, int flags);
                public static long Probe_pipe(int[] fds) { fixed (int* p = fds) { return pipe2_for_runs(p, 0x80000) < 0 ? -Marshal.GetLastPInvokeError() : 0; } }
                [DllImport("libc", SetLastError = true)] private static extern int openat(int dirfd, string path, int flags, int mode);
                [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
                [DllImport("libc", SetLastError = true)] private static extern long lseek(int fd, long offset, int whence);
                [DllImport("libc")] public static extern void free(nint p);
                [DllImport("libc")] private static extern int posix_spawn_file_actions_init(nint actions);
                [DllImport("libc")] private static extern int posix_spawn_file_actions_addopen(nint actions, int fd, string path, int oflag, uint mode);
                [DllImport("libc")] private static extern int posix_spawn_file_actions_destroy(nint actions);
                [DllImport("libc")] private static extern int pthread_attr_init(nint attr);
                [DllImport("libc")] private static extern int pthread_attr_getstacksize(nint attr, out nuint size);
                [DllImport("libc", SetLastError = true)] private static extern int waitpid(int pid, out int status, int options);
                [DllImport("libc")] private static extern void freeaddrinfo(nint res);

                public static long[] Values = new long[8];
                public static string? Text;
                public static long TakeValue(int i) { long v = Values[i]; Values[i] = 0; return v; }
                public static string? TakeText() { string? t = Text; Text = null; return t; }

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                private static long ErrorNumber(int r) => r == 0 ? 0 : -r;

                public static long Probe_open_rw(string path) => Check(openat(-100, path, 2 | 0x80000, 0));
                public static long Probe_open_ro(string path) => Check(openat(-100, path, 0x80000, 0));
                public static long Probe_size(int fd) => Check(lseek(fd, 0, 2));
                public static long Probe_close(int fd) => Check(close(fd));

                public static long Probe_fadvise(int fd, long offset, long len, int advice) => ErrorNumber(Errors.Fadvise(fd, offset, len, (Advice)advice));
                public static long Probe_advise_errno(int fd, long offset, long length, int advice) => Check(Errors.AdviseOrErrno(fd, offset, length, (Advice)advice));

                public static long Probe_memalign(long alignment, long size)
                {
                    int rc = Errors.AlignedAlloc(out nint p, (nuint)alignment, (nuint)size);
                    Values[0] = p;
                    return ErrorNumber(rc);
                }

                /// <summary>posix_spawn file actions in native memory (80 bytes is glibc's size; 256 leaves room): one open of 'path' as fd 5.</summary>
                public static long Probe_file_actions(string path)
                {
                    nint actions = Marshal.AllocHGlobal(256);
                    posix_spawn_file_actions_init(actions);
                    posix_spawn_file_actions_addopen(actions, 5, path, 0, 0);
                    return actions;
                }

                public static long Probe_free_file_actions(long actions)
                {
                    posix_spawn_file_actions_destroy((nint)actions);
                    Marshal.FreeHGlobal((nint)actions);
                    return 0;
                }

                public static long Probe_spawn(string path, long actions)
                {
                    int rc = Errors.Spawn(out int pid, path, (nint)actions, 0, new string?[] { path, null }, new string?[] { null });
                    Values[0] = pid;
                    return ErrorNumber(rc);
                }

                /// <summary>Waits for a child; its exit status (the low 16 bits of waitpid's status), or -errno.</summary>
                public static long Probe_reap(int pid) => waitpid(pid, out int status, 0) < 0 ? -Marshal.GetLastPInvokeError() : status;

                public static long Probe_new_attr()
                {
                    nint attr = Marshal.AllocHGlobal(64);
                    pthread_attr_init(attr);
                    return attr;
                }

                public static long Probe_stacksize_of(long attr) => pthread_attr_getstacksize((nint)attr, out nuint size) == 0 ? (long)size : -1;
                public static long Probe_setstacksize(long attr, long size) => ErrorNumber(Errors.SetStackSize((nint)attr, (nuint)size));

                public static long Probe_strerror(int errnum, byte[] buf, long buflen) => ErrorNumber(Errors.StrError(errnum, buf, (nuint)buflen));
                public static long Probe_ttyname(int fd, byte[] buf, long buflen) => ErrorNumber(Errors.TtyName(fd, buf, (nuint)buflen));

                public static long Probe_realpath(string path)
                {
                    nint p = Paths.RealPath(path, 0);
                    if (p == 0)
                    {
                        return -Marshal.GetLastPInvokeError();
                    }

                    Text = Marshal.PtrToStringUTF8(p);
                    free(p);
                    return 1;
                }

                public static long Probe_canonical(string path)
                {
                    Text = Paths.Canonical(path);
                    return Text is null ? 0 : 1;
                }

                public static long Probe_sysconf(int name)
                {
                    long r = Limits.SysConf(name);
                    Values[1] = r < 0 ? Marshal.GetLastPInvokeError() : 0;
                    return r < 0 && Values[1] != 0 ? -Values[1] : r;
                }

                public static long Probe_confstr(int name, byte[]? buf, long len)
                {
                    nuint r = Limits.ConfStr((ConfName)name, buf, (nuint)len);
                    return r == 0 ? -Marshal.GetLastPInvokeError() : (long)r;
                }

                /// <summary>getpwnam_r: the error number; Values[0] the uid written, Values[1] 1 when *result is set.</summary>
                public static long Probe_getpwnam(string name, byte[] buf, long buflen)
                {
                    int rc = Accounts.GetPwNam(name, out Passwd pwd, buf, (nuint)buflen, out nint result);
                    Values[0] = result != 0 ? pwd.pw_uid : -1;
                    Values[1] = result != 0 ? 1 : 0;
                    return ErrorNumber(rc);
                }

                public static long Probe_getpwuid(uint uid, byte[] buf, long buflen)
                {
                    Passwd pwd;
                    nint result;
                    int rc;
                    fixed (byte* b = buf)
                    {
                        rc = Accounts.GetPwUid(uid, &pwd, b, (nuint)buflen, &result);
                        Text = result != 0 ? Marshal.PtrToStringUTF8(pwd.pw_name) : null;
                    }

                    Values[0] = result != 0 ? pwd.pw_gid : -1;
                    Values[1] = result != 0 ? 1 : 0;
                    return ErrorNumber(rc);
                }

                public static long Probe_group_id(string name, int bufferSize)
                {
                    int rc = Accounts.GroupId(name, out uint gid, bufferSize);
                    Values[0] = gid;
                    return ErrorNumber(rc);
                }

                public static long Probe_group_name(uint bufferSize, uint gid)
                {
                    int rc = new GroupDatabase(bufferSize).NameOf(gid, out string? name);
                    Text = name;
                    return ErrorNumber(rc);
                }

                /// <summary>Hints for a numeric IPv4 stream lookup (AI_NUMERICHOST), in native memory (freed by the run).</summary>
                public static long Probe_hints()
                {
                    nint hints = Marshal.AllocHGlobal(48);
                    new Span<byte>((void*)hints, 48).Clear();
                    AddrInfo* h = (AddrInfo*)hints;
                    h->ai_flags = 4;
                    h->ai_family = 2;
                    h->ai_socktype = 1;
                    return hints;
                }

                /// <summary>getaddrinfo's EAI code; Values[0] the list (freed by Probe_free_addrinfo).</summary>
                public static long Probe_getaddrinfo(string? node, string? service, long hints)
                {
                    int rc = Resolver.GetAddrInfo(node, service, (nint)hints, out nint res);
                    Values[0] = res;
                    return rc;
                }

                /// <summary>The first entry of an addrinfo list: family, socket type, address length and its sockaddr's 16 bytes.</summary>
                public static string Describe_addrinfo(long res)
                {
                    if (res == 0)
                    {
                        return "(none)";
                    }

                    AddrInfo* a = (AddrInfo*)res;
                    return a->ai_family + "/" + a->ai_socktype + "/" + a->ai_addrlen + "/" + Convert.ToHexString(new ReadOnlySpan<byte>((void*)a->ai_addr, (int)a->ai_addrlen));
                }

                public static long Probe_free_addrinfo(long res)
                {
                    if (res != 0)
                    {
                        freeaddrinfo((nint)res);
                    }

                    return 0;
                }

                public static long Probe_getnameinfo(byte[] addr, int addrlen, byte[] host, int hostlen, byte[] serv, int servlen, int flags) =>
                    Resolver.GetNameInfo(addr, (uint)addrlen, host, (uint)hostlen, serv, (uint)servlen, flags);
            }
        }
        """;

    public const string LookupsLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Lookups
        {
            public static unsafe class LookupLibraryImportProbes
            {
                public static string? Text;
                public static string? TakeText() { string? t = Text; Text = null; return t; }

                public static long Probe_fallocate_li(int fd, long offset, long len)
                {
                    int rc = Errors.PosixFallocate(new SafeFileHandle((IntPtr)fd, false), offset, len);
                    return rc == 0 ? 0 : -rc;
                }

                public static long Probe_realpath_string(string path)
                {
                    Text = Paths.RealPathString(path, 0);
                    return Text is null ? -Marshal.GetLastPInvokeError() : 1;
                }

                public static long Probe_readlink(string path, byte[] buf, long bufsiz)
                {
                    nint n = Paths.ReadLink(path, buf, (nuint)bufsiz);
                    return n < 0 ? -Marshal.GetLastPInvokeError() : n;
                }
            }
        }
        """;

    public const string Ipc = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Ipc
        {
            public static unsafe class IpcProbes
            {
                [DllImport("libc", EntryPoint = "pipe2", SetLastError = true)] private static extern int pipe2_for_runs(int* fds, int flags);
                public static long Probe_pipe(int[] fds) { fixed (int* p = fds) { return pipe2_for_runs(p, 0x80000) < 0 ? -Marshal.GetLastPInvokeError() : 0; } }
                [DllImport("libc", SetLastError = true)] private static extern int mq_open(string name, int oflag, uint mode, MqAttr* attr);
                [DllImport("libc", SetLastError = true)] private static extern int mq_unlink(string name);
                [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
                [DllImport("libc", SetLastError = true)] private static extern int fcntl(int fd, int cmd, int arg);
                [DllImport("libc", SetLastError = true)] private static extern nint read(int fd, byte* buf, nuint count);
                [DllImport("libc", SetLastError = true)] private static extern int msgget(int key, int flags);
                [DllImport("libc", SetLastError = true)] private static extern int msgctl(int id, int cmd, nint buf);
                [DllImport("libc", SetLastError = true)] private static extern int semget(int key, int nsems, int flags);
                [DllImport("libc", SetLastError = true)] private static extern int semctl(int id, int num, int cmd, nint arg);
                [DllImport("libc", SetLastError = true)] private static extern int shmget(int key, nuint size, int flags);
                [DllImport("libc", SetLastError = true)] private static extern int shmctl(int id, int cmd, nint buf);
                [DllImport("libc", SetLastError = true)] private static extern int shmdt(nint addr);
                [DllImport("libc")] private static extern int clock_gettime(int clock, Timespec* tp);

                public static long[] Values = new long[8];
                public static long TakeValue(int i) { long v = Values[i]; Values[i] = 0; return v; }

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_close(int fd) => Check(close(fd));
                public static long Probe_fd_flags(int fd) => Check(fcntl(fd, 1, 0));
                public static long Probe_status_flags(int fd) => Check(fcntl(fd, 3, 0));

                /// <summary>A new queue (O_RDWR|O_CREAT|O_EXCL, 0600) with the given limits, or -errno.</summary>
                public static long Probe_mq_new(string name, long maxmsg, long msgsize, int extraFlags)
                {
                    var attr = new MqAttr { mq_maxmsg = maxmsg, mq_msgsize = msgsize };
                    return Check(mq_open(name, 2 | 0x40 | 0x80 | extraFlags, 384, &attr));
                }

                public static long Probe_mq_unlink_raw(string name) => Check(mq_unlink(name));

                /// <summary>mq_attr in native memory (freed by the run).</summary>
                public static long Probe_attr(long maxmsg, long msgsize)
                {
                    nint p = Marshal.AllocHGlobal(sizeof(MqAttr));
                    *(MqAttr*)p = new MqAttr { mq_maxmsg = maxmsg, mq_msgsize = msgsize };
                    return p;
                }

                /// <summary>A timespec in native memory (freed by the run): CLOCK_REALTIME plus ms when absolute, else ms itself.</summary>
                public static long Probe_timespec(long ms, bool absolute)
                {
                    Timespec now = default;
                    if (absolute)
                    {
                        clock_gettime(0, &now);
                    }

                    long ns = now.tv_nsec + (ms % 1000) * 1_000_000L;
                    nint p = Marshal.AllocHGlobal(16);
                    *(Timespec*)p = new Timespec { tv_sec = now.tv_sec + ms / 1000 + ns / 1_000_000_000L, tv_nsec = ns % 1_000_000_000L };
                    return p;
                }

                public static long Probe_mq_open(string name, int oflag, uint mode, long attr) => Check(Queues.MqOpen(name, oflag, mode, (nint)attr));

                public static long Probe_mq_open_handle(string name, int oflag, uint mode, long attr)
                {
                    MessageQueueHandle handle = Queues.MqOpenHandle(name, oflag, mode, (nint)attr);
                    int errno = Marshal.GetLastPInvokeError();
                    long fd = (long)handle.DangerousGetHandle();
                    handle.SetHandleAsInvalid();
                    return unchecked((int)fd) == -1 ? -errno : fd;
                }

                public static long Probe_create_queue(string name, long maxMessages, long messageSize, bool nonBlocking) =>
                    Check(Queues.CreateQueue(name, maxMessages, messageSize, nonBlocking));

                public static long Probe_mq_send(int q, byte[] msg, long len, uint prio) => Check(Queues.MqSend(q, msg, (nuint)len, prio));

                public static long Probe_mq_receive(int q, byte[] buf, long len)
                {
                    long n = Check(Queues.MqReceive(q, buf, (nuint)len, out uint prio));
                    Values[0] = prio;
                    return n;
                }

                public static long Probe_mq_receive_marked(int q, byte[] buf, long len)
                {
                    uint prio = 0;
                    fixed (byte* b = buf)
                    {
                        long n = Check(Queues.MqReceiveMarked(q, b, (nuint)len, &prio));
                        Values[0] = prio;
                        return n;
                    }
                }

                public static long Probe_mq_timedreceive(int q, byte[] buf, long len, long timeout)
                {
                    long n = Check(Queues.MqTimedReceive(q, buf, (nuint)len, out uint prio, (nint)timeout));
                    Values[0] = prio;
                    return n;
                }

                /// <summary>mq_timedreceive with a deadline already past (now, CLOCK_REALTIME).</summary>
                public static long Probe_mq_timedreceive_past(int q, byte[] buf, long len)
                {
                    Timespec now;
                    clock_gettime(0, &now);
                    long n = Check(Queues.MqTimedReceive(q, buf, (nuint)len, out uint prio, (nint)(&now)));
                    Values[0] = prio;
                    return n;
                }

                public static long Probe_receive_within(int q, byte[] buf, int ms)
                {
                    long n = Check(Queues.ReceiveWithin(q, buf, ms, out uint prio));
                    Values[0] = prio;
                    return n;
                }

                /// <summary>mq_getattr: Values[0..3] flags, maxmsg, msgsize, curmsgs.</summary>
                public static long Probe_mq_getattr(int q)
                {
                    long r = Check(Queues.MqGetAttr(q, out MqAttr attr));
                    Values[0] = attr.mq_flags;
                    Values[1] = attr.mq_maxmsg;
                    Values[2] = attr.mq_msgsize;
                    Values[3] = attr.mq_curmsgs;
                    return r;
                }

                public static long Probe_queue_send(int q, byte[] msg, uint prio) => Check(new MessageQueue(q).Send(msg, prio));

                public static long Probe_queue_receive(int q, byte[] buf)
                {
                    long n = Check(new MessageQueue(q).Receive(buf, out uint prio));
                    Values[0] = prio;
                    return n;
                }

                // System V objects: made with IPC_PRIVATE (never shared with another test), removed by the run.
                public static long Probe_msg_new() => Check(msgget(0, 0x200 | 384));
                public static long Probe_msg_remove(int id) => Check(msgctl(id, 0, 0));
                public static long Probe_sem_new(int nsems) => Check(semget(0, nsems, 0x200 | 384));
                public static long Probe_sem_remove(int id) => Check(semctl(id, 0, 0, 0));
                public static long Probe_semval(int id, int num) => Check(semctl(id, num, 12, 0));
                public static long Probe_semset(int id, int num, int value) => Check(semctl(id, num, 16, value));
                public static long Probe_shm_new(long size) => Check(shmget(0, (nuint)size, 0x200 | 384));
                public static long Probe_shm_remove(int id) => Check(shmctl(id, 0, 0));
                public static long Probe_shmdt_raw(long addr) => Check(shmdt((nint)addr));

                /// <summary>A System V message: 8 bytes of mtype, then the text.</summary>
                public static byte[] Message(long type, byte[] text)
                {
                    byte[] m = new byte[8 + text.Length];
                    BitConverter.TryWriteBytes(m, type);
                    text.CopyTo(m, 8);
                    return m;
                }

                public static Sembuf[] Ops(int num, int op, int flags) => new[] { new Sembuf { sem_num = (ushort)num, sem_op = (short)op, sem_flg = (short)flags } };

                public static long Probe_msgget(int key, int flags) => Check(SysV.MsgGet(key, flags));
                public static long Probe_msgsnd(int id, byte[] msgp, long msgsz, int flags) => Check(SysV.MsgSnd(id, msgp, (nuint)msgsz, flags));
                public static long Probe_msgrcv(int id, byte[] msgp, long msgsz, long type, int flags) => Check(SysV.MsgRcv(id, msgp, (nuint)msgsz, type, flags));

                public static long Probe_receive_text(int id, long wanted, byte[] text, int flags)
                {
                    long n = Check(SysV.Receive(id, wanted, text, out long type, flags));
                    Values[0] = type;
                    return n;
                }

                /// <summary>msgctl IPC_STAT: Values[0] msg_qnum, Values[1] msg_cbytes, Values[2] the mode's permission bits.</summary>
                public static long Probe_msgstat(int id, int cmd)
                {
                    long r = Check(SysV.MsgStat(id, cmd, out MsqidDs ds));
                    Values[0] = (long)ds.msg_qnum;
                    Values[1] = (long)ds.msg_cbytes;
                    Values[2] = ds.mode & 0x1ff;
                    return r;
                }

                public static long Probe_semop_counted(int id, int num, int op, int flags, long nsops) => Check(SysV.SemOpCounted(id, Ops(num, op, flags), (nuint)nsops));
                public static long Probe_semtimedop(int id, int num, int op, int flags, long timeout) => Check(SysV.SemTimedOp(id, Ops(num, op, flags), 1, (nint)timeout));
                public static long Probe_semtimedop_one(int id, int num, int op, int flags, long nsops)
                {
                    Timespec wait = new Timespec { tv_nsec = 50_000_000 };
                    return Check(SysV.SemTimedOp(id, Ops(num, op, flags), (nuint)nsops, (nint)(&wait)));
                }

                public static long Probe_sem_wait(int id, int num, int count) => Check(SysV.Wait(id, (ushort)num, (short)count));
                public static long Probe_semctl(int id, int num, int cmd, long arg) => Check(SysV.SemCtl(id, num, cmd, (nint)arg));

                public static long Probe_shmget(int key, long size, int flags) => Check(SharedMemory.ShmGet(key, (nuint)size, flags));
                public static long Probe_shmat(int id, long addr, int flags) => Check(SharedMemory.ShmAt(id, (nint)addr, flags));

                public static long Probe_shmat_handle(int id, long addr, int flags)
                {
                    SharedMemoryHandle handle = SharedMemory.ShmAtHandle(id, (nint)addr, flags);
                    int errno = Marshal.GetLastPInvokeError();
                    long address = (long)handle.DangerousGetHandle();
                    handle.SetHandleAsInvalid();
                    return address == -1 ? -errno : address;
                }

                /// <summary>shmctl IPC_STAT: Values[0] shm_segsz, Values[1] shm_nattch, Values[2] the permission bits.</summary>
                public static long Probe_shmstat(int id, int cmd)
                {
                    long r = Check(SharedMemory.ShmStat(id, cmd, out ShmidDs ds));
                    Values[0] = (long)ds.shm_segsz;
                    Values[1] = (long)ds.shm_nattch;
                    Values[2] = ds.mode & 0x1ff;
                    return r;
                }

                public static long Probe_pipe2_struct(int flags)
                {
                    long r = Check(Pipes.Pipe2(out PipeFds fds, flags));
                    Values[0] = fds.Read;
                    Values[1] = fds.Write;
                    return r;
                }

                public static long Probe_socketpair_struct(int domain, int type, int protocol)
                {
                    long r = Check(Pipes.SocketPairStruct(domain, type, protocol, out PipeFds sv));
                    Values[0] = sv.Read;
                    Values[1] = sv.Write;
                    return r;
                }

                /// <summary>Bytes in native memory (freed by the run), for iovecs.</summary>
                public static long Probe_native_bytes(byte[] data)
                {
                    nint p = Marshal.AllocHGlobal(data.Length);
                    Marshal.Copy(data, 0, p, data.Length);
                    return p;
                }

                public static Iovec[] Iovecs(long a, long alen, long b, long blen) =>
                    new[] { new Iovec { Base = (nint)a, Length = (nuint)alen }, new Iovec { Base = (nint)b, Length = (nuint)blen } };

                public static long Probe_vmsplice(int fd, long a, long alen, long b, long blen, long nsegs, uint flags) =>
                    Check(Pipes.VmSplice(fd, Iovecs(a, alen, b, blen), (nuint)nsegs, (SpliceFlags)flags));

                public static long Probe_splice_in(int fd, byte[] data, uint flags) => Check(Pipes.SpliceIn(fd, data, (SpliceFlags)flags));

                [DllImport("libc", SetLastError = true)] private static extern nint write(int fd, byte* buf, nuint count);

                public static long Probe_write(int fd, byte[] buf)
                {
                    fixed (byte* b = buf)
                    {
                        return Check(write(fd, b, (nuint)buf.Length));
                    }
                }

                public static long Probe_read(int fd, byte[] buf)
                {
                    fixed (byte* b = buf)
                    {
                        return Check(read(fd, b, (nuint)buf.Length));
                    }
                }
            }
        }
        """;

    public const string IpcLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Ipc
        {
            public static unsafe class IpcLibraryImportProbes
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_mq_send_span(int q, byte[] msg, long len, uint prio) => Check(Queues.MqSendSpan(q, msg, (nuint)len, prio));
                public static long Probe_mq_unlink(string name) => Check(Queues.MqUnlink(name));
                public static long Probe_semop_span(int id, int num, int op, int flags, long nsops) => Check(SysV.SemOpSpan(id, IpcProbes.Ops(num, op, flags), (nuint)nsops));
                public static long Probe_shmctl(int id, int cmd, long buf) => Check(SharedMemory.ShmCtl(id, cmd, (nint)buf));
            }
        }
        """;
}
