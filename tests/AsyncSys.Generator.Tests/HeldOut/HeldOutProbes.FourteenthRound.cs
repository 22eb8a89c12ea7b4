namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the fourteenth blind round (Waits.case, InOut.case), written with the case files before the
/// generator was run on them. Same convention: the call's result, or -errno; a call returning the error number gives -that
/// number; a call that returns -1 and leaves errno 0 (an open file description's lock owner) gives -1. Values a call wrote
/// are kept in the round's state class (<c>Values</c>, taken by the run); native memory (timespecs, itimerspecs, flocks,
/// futex words) is made by <c>Probe_native</c> and freed by the run; children are spawned by <c>Probe_spawn</c> and reaped
/// by the run.
/// </summary>
internal static partial class HeldOutProbes
{
    /// <summary>Native memory, spawning and reaping, shared by both files' probes.</summary>
    private const string CommonProbeBody = """
                [DllImport("libc", EntryPoint = "pipe2", SetLastError = true)] private static extern int pipe2_for_runs(int* fds, int flags);
                [DllImport("libc", EntryPoint = "close", SetLastError = true)] private static extern int close_for_runs(int fd);
                [DllImport("libc", EntryPoint = "write", SetLastError = true)] private static extern nint write_for_runs(int fd, byte* buf, nuint count);
                [DllImport("libc", EntryPoint = "read", SetLastError = true)] private static extern nint read_for_runs(int fd, byte* buf, nuint count);
                [DllImport("libc", EntryPoint = "waitpid", SetLastError = true)] private static extern int waitpid_for_runs(int pid, int* status, int options);
                [DllImport("libc", EntryPoint = "kill", SetLastError = true)] private static extern int kill_for_runs(int pid, int sig);
                [DllImport("libc", EntryPoint = "posix_spawn")] private static extern int posix_spawn_for_runs(out int pid, string path, nint actions, nint attrp, string?[] argv, string?[] envp);
                [DllImport("libc", EntryPoint = "syscall", SetLastError = true)] private static extern long syscall_for_runs(long number, long a1, long a2, long a3, long a4);
                [DllImport("libc", EntryPoint = "eventfd", SetLastError = true)] private static extern int eventfd_for_runs(uint initval, int flags);
                [DllImport("libc", EntryPoint = "openat", SetLastError = true)] private static extern int openat_for_runs(int dirfd, string path, int flags, int mode);
                [DllImport("libc", EntryPoint = "lseek", SetLastError = true)] private static extern long lseek_for_runs(int fd, long offset, int whence);

                public static long[] Values = new long[8];
                public static long TakeValue(int i) { long v = Values[i]; Values[i] = 0; return v; }

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                private static long ErrorNumber(int r) => r == 0 ? 0 : -r;

                public static long Probe_pipe(int[] fds) { fixed (int* p = fds) { return pipe2_for_runs(p, 0x80000 | 0x800) < 0 ? -Marshal.GetLastPInvokeError() : 0; } }
                public static long Probe_close(int fd) => Check(close_for_runs(fd));
                public static long Probe_write_byte(int fd) { byte b = 0x41; return Check(write_for_runs(fd, &b, 1)); }
                public static long Probe_read_all(int fd, byte[] into) { fixed (byte* p = into) { return Check(read_for_runs(fd, p, (nuint)into.Length)); } }
                public static long Probe_open_rw(string path) => Check(openat_for_runs(-100, path, 2 | 0x80000, 0));
                public static long Probe_position(int fd) => Check(lseek_for_runs(fd, 0, 1));
                public static long Probe_eventfd(long initial) => Check(eventfd_for_runs((uint)initial, 0x800 | 0x80000));
                public static long Probe_counter(int fd) { ulong v; long r = Check(read_for_runs(fd, (byte*)&v, 8)); return r < 0 ? r : (long)v; }

                /// <summary>Zeroed native memory of the given size (freed by the run).</summary>
                public static long Probe_native(int bytes) { nint p = Marshal.AllocHGlobal(bytes); new Span<byte>((void*)p, bytes).Clear(); return p; }
                public static long Probe_poke(long address, int index, long value) { ((long*)address)[index] = value; return 0; }
                public static long Probe_peek(long address, int index) => ((long*)address)[index];
                public static long Probe_poke_int(long address, int index, int value) { ((int*)address)[index] = value; return 0; }
                public static long Probe_peek_int(long address, int index) => ((int*)address)[index];
                public static long Probe_peek_short(long address, int index) => ((short*)address)[index];

                /// <summary>A child running 'path' with one argument (or none); its pid, or -error.</summary>
                public static long Probe_spawn(string path, string? argument)
                {
                    string?[] argv = argument is null ? new string?[] { path, null } : new string?[] { path, argument, null };
                    int r = posix_spawn_for_runs(out int pid, path, 0, 0, argv, new string?[] { null });
                    return r == 0 ? pid : -r;
                }

                /// <summary>Waits for a child; its wait status, or -errno.</summary>
                public static long Probe_reap(int pid) { int status; long r = Check(waitpid_for_runs(pid, &status, 0)); return r < 0 ? r : status; }
                public static long Probe_kill(int pid, int sig) => Check(kill_for_runs(pid, sig));
                public static long Probe_pidfd_open_raw(int pid) => Check(syscall_for_runs(434, pid, 0, 0, 0));
                public static long Probe_pidfd_kill(int pidfd) => Check(syscall_for_runs(424, pidfd, 9, 0, 0));
        """;

    public const string Waits = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Waits
        {
            public static unsafe class WaitProbes
            {
        """ + CommonProbeBody + """

                [DllImport("libc", EntryPoint = "timerfd_create", SetLastError = true)] private static extern int timerfd_create_for_runs(int clockid, int flags);
                [DllImport("libc", EntryPoint = "timerfd_settime", SetLastError = true)] private static extern int timerfd_settime_for_runs(int fd, int flags, Itimerspec* new_value, Itimerspec* old_value);
                [DllImport("libc", EntryPoint = "clock_gettime", SetLastError = true)] private static extern int clock_gettime_for_runs(int clockid, Timespec* tp);
                [DllImport("libc", EntryPoint = "epoll_create1", SetLastError = true)] private static extern int epoll_create1_for_runs(int flags);
                [DllImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)] private static extern int epoll_ctl_for_runs(int epfd, int op, int fd, EpollEvent* ev);

                public static long Probe_timerfd() => Check(timerfd_create_for_runs(1, 0x800 | 0x80000));

                /// <summary>Arms a timerfd to expire in 'seconds' (0 disarms).</summary>
                public static long Probe_arm(int fd, long seconds) { var v = new Itimerspec { it_value = new Timespec { tv_sec = seconds } }; return Check(timerfd_settime_for_runs(fd, 0, &v, null)); }
                public static long Probe_monotonic_now() { Timespec t; clock_gettime_for_runs(1, &t); return t.tv_sec * 1_000_000_000 + t.tv_nsec; }

                /// <summary>A timespec in native memory (freed by the run).</summary>
                public static long Probe_timespec(long sec, long nsec) { long p = Probe_native(16); ((Timespec*)p)->tv_sec = sec; ((Timespec*)p)->tv_nsec = nsec; return p; }

                public static long Probe_sleep(long ticks) { int r = Sleeping.Sleep(TimeSpan.FromTicks(ticks), out TimeSpan remaining); Values[0] = remaining.Ticks; return Check(r); }
                public static long Probe_clock_nanosleep(int clock, int flags, long request) { Timespec rem; int r = Sleeping.ClockNanosleep((ClockId)clock, flags, (nint)request, &rem); Values[0] = rem.tv_sec; return ErrorNumber(r); }
                public static long Probe_sleep_until(long deadline, int clock) => ErrorNumber(Sleeping.SleepUntil(deadline, (ClockId)clock));

                /// <summary>timerfd_settime through the class form: Values[0] the old value's seconds.</summary>
                public static long Probe_settime_class(int fd, int flags, long seconds)
                {
                    var next = new ItimerspecObject { it_value = new Timespec { tv_sec = seconds } };
                    var old = new ItimerspecObject();
                    long r = Check(Timers.TimerFdSetTime(fd, flags, next, old));
                    Values[0] = old.it_value.tv_sec;
                    return r;
                }

                public static long Probe_gettime_class(int fd) { var now = new ItimerspecObject(); long r = Check(Timers.timerfd_gettime(fd, now)); Values[0] = now.it_value.tv_sec; return r; }
                public static long Probe_rearm(int fd, long value, long interval) { long r = Check(new IntervalTimer(fd).Rearm(value, interval, out Itimerspec previous)); Values[0] = previous.it_value.tv_sec; return r; }
                public static long Probe_getitimer(int which) { long r = Check(Timers.getitimer((ItimerWhich)which, out Itimerval v)); Values[0] = v.it_value.tv_sec + v.it_value.tv_usec + v.it_interval.tv_sec + v.it_interval.tv_usec; return r; }
                public static long Probe_setitimer(int which, long new_value, long old_value) => Check(Timers.SetITimer((ItimerWhich)which, (nint)new_value, (nint)old_value));

                public static long Probe_poll_ref(int fd, short events, int timeout) { var p = new Pollfd { fd = fd, events = events }; long r = Check(Polling.poll(ref p, 1, timeout)); Values[0] = p.revents; return r; }
                public static long Probe_poll_all(Pollfd[] fds, long nfds, int timeout) => Check(Polling.PollAll(fds, (nuint)nfds, timeout));
                public static long Probe_ppoll(Pollfd[] fds, long nfds, long tmo) => Check(Polling.ppoll(fds, (nuint)nfds, (nint)tmo, 0));
                public static long Probe_wait_readable(int fd, int timeout) { long r = Check(Polling.WaitReadable(fd, timeout, out short revents)); Values[0] = revents; return r; }
                public static long Probe_select(int nfds, ulong[]? readfds, ulong[]? writefds, long timeout) => Check(Polling.select(nfds, readfds, writefds, null, (nint)timeout));
                public static long Probe_select_ref(int nfds, ulong[] readfds, long usec) { var t = new Timeval { tv_usec = usec }; long r = Check(Polling.SelectWithTimeout(nfds, readfds, 0, 0, ref t)); Values[0] = t.tv_sec * 1_000_000 + t.tv_usec; return r; }

                /// <summary>An epoll instance watching 'fd' for input with the given data (none when fd is -1).</summary>
                public static long Probe_epoll(int fd, long data)
                {
                    int epfd = epoll_create1_for_runs(0x80000);
                    if (epfd < 0 || fd < 0)
                    {
                        return Check(epfd);
                    }

                    var ev = new EpollEvent { events = 1, data = (ulong)data };
                    return epoll_ctl_for_runs(epfd, 1, fd, &ev) < 0 ? -Marshal.GetLastPInvokeError() : epfd;
                }

                public static long Probe_epoll_pwait(int epfd, int maxevents) { var events = new EpollEvent[Math.Max(maxevents, 1)]; long r = Check(Epoll.epoll_pwait(epfd, events, maxevents, 0, null)); Values[0] = (long)events[0].data; Values[1] = events[0].events; return r; }
                public static long Probe_wait_one(int epfd, int timeout) { long r = Check(new EventLoop(epfd).WaitOne(timeout, out EpollEvent ready)); Values[0] = (long)ready.data; return r; }
                public static long Probe_futex(long uaddr, int op, int val, long timeout) => Check(Futexes.Futex(202, (nint)uaddr, op, val, (nint)timeout, 0, 0));
                public static long Probe_sigtimedwait(ulong[] set, long timeout) => Check(Signals.sigtimedwait(set, out Siginfo info, (nint)timeout));
                public static long Probe_signalfd(int fd, ulong[] mask, int flags) => Check(Signals.signalfd(fd, mask, flags));
            }
        }
        """;

    public const string WaitsLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Waits
        {
            public static unsafe class WaitLibraryImportProbes
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                private static long ErrorNumber(int r) => r == 0 ? 0 : -r;

                public static long Probe_nanosleep_at(long req, long rem) => Check(Sleeping.NanosleepAt((nint)req, (nint)rem));
                public static long Probe_try_clock_nanosleep(int clock, int flags, long request, long remain) => ErrorNumber(Sleeping.TryClockNanosleep((ClockId)clock, flags, (nint)request, (nint)remain));
                public static long Probe_settime_at(int fd, int flags, long new_value, long old_value) => Check(Timers.SetTimeAt(new SafeFileHandle((IntPtr)fd, false), flags, (nint)new_value, (nint)old_value));

                public static long Probe_epoll_wait(int epfd, int maxevents)
                {
                    var events = new EpollEvent[Math.Max(maxevents, 1)];
                    long r;
                    fixed (EpollEvent* p = events)
                    {
                        r = Check(Epoll.EpollWait(new SafeFileHandle((IntPtr)epfd, false), p, maxevents, 0));
                    }

                    WaitProbes.Values[0] = (long)events[0].data;
                    WaitProbes.Values[1] = events[0].events;
                    return r;
                }
            }
        }
        """;

    public const string InOut = """
        using System;
        using System.Collections.Generic;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.InOut
        {
            public static unsafe class InOutProbes
            {
        """ + CommonProbeBody + """

                [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)] private static extern int fcntl_for_runs(int fd, int cmd, Flock* lk);
                [DllImport("libc", EntryPoint = "inotify_init1", SetLastError = true)] private static extern int inotify_init1_for_runs(int flags);
                [DllImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true)] private static extern int inotify_add_watch_for_runs(int fd, string path, uint mask);

                public static string?[] Names = Array.Empty<string?>();
                public static string?[] TakeNames() { string?[] n = Names; Names = Array.Empty<string?>(); return n; }

                private static SafeFileHandle Handle(int fd) => new SafeFileHandle((IntPtr)fd, false);

                /// <summary>A lock of the open file description (F_OFD_SETLK): type 0 read, 1 write.</summary>
                public static long Probe_ofd_lock(int fd, short type, long start, long length) { var lk = new Flock { l_type = type, l_start = start, l_len = length }; return Check(fcntl_for_runs(fd, 37, &lk)); }

                /// <summary>A flock in native memory (freed by the run).</summary>
                public static long Probe_native_flock(short type, long start, long length, int pid) { long p = Probe_native(32); *(Flock*)p = new Flock { l_type = type, l_start = start, l_len = length, l_pid = pid }; return p; }
                public static long Probe_flock_type(long address) => ((Flock*)address)->l_type;
                public static long Probe_flock_pid(long address) => ((Flock*)address)->l_pid;

                public static long Probe_inotify() => Check(inotify_init1_for_runs(0x800 | 0x80000));
                public static long Probe_inotify_watch(int fd, string path) => Check(inotify_add_watch_for_runs(fd, path, 0x100));

                public static long Probe_copy_arrays(int fd_in, long[]? off_in, int fd_out, long[]? off_out, long len) => Check(Offsets.copy_file_range(fd_in, off_in, fd_out, off_out, (nuint)len, 0));
                public static long Probe_copy_range(int source, long sourceOffset, int destination, long destinationOffset, long length)
                {
                    long r = Check(Offsets.CopyRange(Handle(source), ref sourceOffset, Handle(destination), ref destinationOffset, length));
                    Values[0] = sourceOffset;
                    Values[1] = destinationOffset;
                    return r;
                }

                public static long Probe_copier(int source, int destination, long position, long count) { var c = new FileCopier(source, destination) { Position = position }; long r = Check(c.CopyNext((nuint)count)); Values[0] = c.Position; return r; }
                public static long Probe_sendfile64(int destination, int source, long position, long length) { long r = Check(Offsets.SendFile64(destination, source, ref position, (nuint)length)); Values[0] = position; return r; }

                /// <summary>fcntl through `ref flock`: Values[0..2] the l_type, l_pid and l_start written back.</summary>
                public static long Probe_getlk_ref(int fd, int cmd, short type, long start, long length, int pid)
                {
                    var lk = new Flock { l_type = type, l_start = start, l_len = length, l_pid = pid };
                    long r = Check(Locks.fcntl(fd, cmd, ref lk));
                    Values[0] = lk.l_type;
                    Values[1] = lk.l_pid;
                    Values[2] = lk.l_start;
                    return r;
                }

                public static long Probe_fcntl_address(int fd, int cmd, long arg) => Check(Locks.FcntlAddress(fd, cmd, (nint)arg));

                /// <summary>LockOwner: -1 with errno 0 (an open file description's lock) stays -1.</summary>
                public static long Probe_lock_owner(int fd, long start, long length)
                {
                    int r = Locks.LockOwner(fd, start, length);
                    int errno = Marshal.GetLastPInvokeError();
                    return r < 0 && errno != 0 ? -errno : r;
                }

                public static long Probe_locked_file(int fd, long start, long length) => Check(new LockedFile(Handle(fd)).Lock(start, length));

                public static long Probe_wait4(int pid, int options) { long r = Check(Children.wait4(pid, out int status, options, out Rusage usage)); Values[0] = status; Values[1] = usage.ru_maxrss > 0 ? 1 : 0; return r; }
                public static long Probe_waitpid_ref(int pid, int options) { int status = 0; long r = Check(Children.WaitPidRef(pid, ref status, (WaitOptions)options)); Values[0] = status; return r; }
                public static long Probe_waitpid(int pid, int options) { long r = Check(Children.waitpid(pid, out int status, (WaitOptions)options)); Values[0] = status; return r; }
                public static long Probe_wait_exit(int pid) { long r = Check(Children.WaitExit(pid, out int status, out Rusage usage)); Values[0] = status; Values[1] = usage.ru_maxrss > 0 ? 1 : 0; return r; }

                public static long Probe_waitid_ref(int pidfd, int options)
                {
                    var info = new Siginfo();
                    long r = Check(Children.waitid(IdType.PidFd, (uint)pidfd, ref info, options));
                    Values[0] = info.si_pid;
                    Values[1] = info.si_status;
                    Values[2] = info.si_code;
                    return r;
                }

                public static long Probe_pidfd_getfd(int pidfd, int targetfd, uint flags) => Check(Children.pidfd_getfd(pidfd, targetfd, flags));
                public static long Probe_child_signal(int pidfd, int signal) => Check(new ChildProcess(pidfd).Signal(signal));

                public static long Probe_eventfd_read_ref(int fd) { ulong v = 0; long r = Check(Events.eventfd_read(fd, ref v)); Values[0] = (long)v; return r; }
                public static long Probe_write_ref(int fd, long value, long count) { ulong v = (ulong)value; return Check(Events.WriteCounter(fd, ref v, (nuint)count)); }
                public static long Probe_read_names(int fd) { var names = new List<string>(); long r = Check(Events.ReadEventNames(fd, names)); Names = names.ToArray(); return r; }
                public static long Probe_take(int fd) => Check(new Counter(Handle(fd)).Take());
                public static long Probe_read_array(int fd, long count) { ulong[] value = new ulong[1]; long r = Check(Events.ReadCounter(Handle(fd), value, (nuint)count)); Values[0] = (long)value[0]; return r; }
            }
        }
        """;

    public const string InOutLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.InOut
        {
            public static unsafe class InOutLibraryImportProbes
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                private static SafeFileHandle Handle(int fd) => new SafeFileHandle((IntPtr)fd, false);

                public static long Probe_sendfile(int out_fd, int in_fd, long offset, long count) { long r = Check(Offsets.SendFile(Handle(out_fd), Handle(in_fd), ref offset, (nuint)count)); InOutProbes.Values[0] = offset; return r; }
                public static long Probe_sendfile_span(int out_fd, int in_fd, long[] offset, long count) => Check(Offsets.SendFileSpan(out_fd, in_fd, offset, (nuint)count));
                public static long Probe_splice(int fd_in, long off_in, int fd_out, long len) { long r = Check(Offsets.Splice(Handle(fd_in), ref off_in, Handle(fd_out), 0, (nuint)len)); InOutProbes.Values[0] = off_in; return r; }

                public static long Probe_setlkw_ref(int fd, short type, long start, long length)
                {
                    var lk = new Flock { l_type = type, l_start = start, l_len = length };
                    return Check(Locks.SetLockWait(Handle(fd), 38, ref lk));
                }

                public static long Probe_wait4_marked(int pid, int options)
                {
                    int status;
                    Rusage usage;
                    long r = Check(Children.Wait4Marked(pid, &status, (WaitOptions)options, &usage));
                    InOutProbes.Values[0] = status;
                    InOutProbes.Values[1] = usage.ru_maxrss > 0 ? 1 : 0;
                    return r;
                }

                /// <summary>pidfd_open through the SafeFileHandle form: the descriptor (no longer owned by the handle), or -errno.</summary>
                public static long Probe_pidfd_open(int pid, uint flags)
                {
                    SafeFileHandle h = Children.PidfdOpen(pid, flags);
                    int errno = Marshal.GetLastPInvokeError();
                    long fd = (long)h.DangerousGetHandle();
                    h.SetHandleAsInvalid();
                    return (int)fd < 0 ? -errno : fd;
                }

                public static long Probe_pidfd_send_signal(int pidfd, int sig, uint flags) => Check(Children.PidfdSendSignal(424, Handle(pidfd), sig, 0, flags));
                public static long Probe_add_watch(int fd, string path, uint mask) => Check(Events.AddWatch(Handle(fd), path, (InotifyMask)mask));
            }
        }
        """;
}
