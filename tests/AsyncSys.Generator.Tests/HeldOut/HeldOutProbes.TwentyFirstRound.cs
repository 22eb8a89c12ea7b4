namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the twenty-first blind round (Extensible.case, Remote.case), written with the case files before the
/// generator was run on them. Same convention: the call's result, or -errno; a call that writes a struct, a buffer or memory
/// gives a summary as text ("E" and the errno for a failure). Memory the probes allocate for a run is 4096-aligned native
/// memory the run frees; descriptors they make are closed by the run.
/// </summary>
internal static partial class HeldOutProbes
{
    private const string TwentyFirstRoundHelpers = """
                [DllImport("libc", EntryPoint = "syscall", SetLastError = true)] private static extern long syscall_for_runs(long number, nint a1, nint a2, nint a3, nint a4, nint a5);
                [DllImport("libc", EntryPoint = "open", SetLastError = true)] private static extern int open_for_runs(string path, int flags);
                [DllImport("libc", EntryPoint = "close", SetLastError = true)] private static extern int close_for_runs(int fd);
                [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)] private static extern int fcntl_for_runs(int fd, int cmd, int arg);

                private static void Clear() { Marshal.SetLastPInvokeError(0); Marshal.SetLastSystemError(0); }
                private static int Errno() { int e = Marshal.GetLastPInvokeError(); return e != 0 ? e : Marshal.GetLastSystemError(); }
                private static long Check(long r) => r < 0 ? -Errno() : r;
                public static string Hex(byte* p, int n) => Convert.ToHexString(new ReadOnlySpan<byte>(p, n));

                /// <summary>What a new descriptor is (at or above a minimum, close-on-exec, access mode), then closed.</summary>
                public static string DescriptorText(long fd, int minimum)
                {
                    if (fd < 0) return "E" + (-fd);
                    int fdFlags = fcntl_for_runs((int)fd, 1, 0), flFlags = fcntl_for_runs((int)fd, 3, 0);
                    string text = "descriptor" + (fd >= minimum ? " at or above " + minimum : " BELOW " + minimum) + ((fdFlags & 1) != 0 ? " cloexec" : " inheritable") + " access " + (flFlags & 3);
                    close_for_runs((int)fd);
                    return text;
                }

                public static string HandleText(SafeFileHandle handle, int minimum)
                {
                    if (handle.IsInvalid) return "E" + Errno();
                    string text = DescriptorText((long)handle.DangerousGetHandle(), minimum);
                    handle.SetHandleAsInvalid();
                    return text;
                }

                public static long Probe_close(int fd) => close_for_runs(fd) < 0 ? -Errno() : 0;
        """;

    public const string Extensible = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Extensible
        {
            public static unsafe class ExtensibleProbes
            {
        """ + "\n" + TwentyFirstRoundHelpers + "\n" + """

                /// <summary>An open_how as bytes: flags first, <paramref name="length"/> bytes, and byte 24 set to <paramref name="tail"/> when there is one.</summary>
                public static byte[] HowBytes(ulong flags, int length, int tail) { byte[] b = new byte[length]; BitConverter.TryWriteBytes(b.AsSpan(0, Math.Min(8, length)), flags); if (length > 24) b[24] = (byte)tail; return b; }
                public static object MakeHow(ulong flags) => new OpenHow { Flags = flags };
                public static string Probe_open_with_how(int dirfd, string path, byte[] how) { Clear(); return DescriptorText(Check(OpenHowCalls.OpenWithHow(dirfd, path, how)), 0); }
                public static string Probe_open_how_value(int dirfd, string path, ulong flags, ulong size) { Clear(); return DescriptorText(Check(OpenHowCalls.OpenHowValue(dirfd, path, new OpenHow { Flags = flags }, (nuint)size)), 0); }

                public static object MakeMountAttr(ulong attrSet) => new MountAttr { AttrSet = attrSet };
                public static long Probe_mount_setattr(int dirfd, string path, uint flags, ulong attrSet, ulong size) { MountAttr a = new MountAttr { AttrSet = attrSet }; Clear(); return Check(MountAttributes.mount_setattr(dirfd, path, flags, in a, (nuint)size)); }
                public static byte[] MountAttrBytes(ulong attrSet, int length) { byte[] b = new byte[length]; if (length >= 8) BitConverter.TryWriteBytes(b, attrSet); return b; }
                public static long Probe_mount_setattr_marked(int dfd, string path, uint flags, byte[] attr)
                {
                    byte[] name = System.Text.Encoding.UTF8.GetBytes(path + "\0");
                    Clear();
                    fixed (byte* p = name) fixed (byte* a = attr) { return Check(MountAttributes.MountSetattr(Sys.SYS_mount_setattr, dfd, p, flags, a, (nuint)attr.Length)); }
                }

                public static long Probe_set_mount_attributes(int dirfd, string path, uint flags, ulong attrSet) { Clear(); return Check(MountAttributes.SetMountAttributes(dirfd, path, flags, attrSet, 0, 0)); }

                /// <summary>A ruleset attr as bytes: handled_access_fs first, <paramref name="length"/> bytes, byte 16 set to <paramref name="tail"/> when there is one.</summary>
                public static byte[] RulesetBytes(ulong handled, int length, int tail) { byte[] b = new byte[length]; BitConverter.TryWriteBytes(b.AsSpan(0, Math.Min(8, length)), handled); if (length > 40) b[40] = (byte)tail; return b; }
                public static string Probe_create_ruleset_marked(byte[]? attr, ulong size, uint flags)
                {
                    Clear();
                    fixed (byte* a = attr) { long r = Check(Landlock.landlock_create_ruleset(Sys.SYS_landlock_create_ruleset, a, (nuint)size, flags)); return flags == 1 && r >= 0 ? "version " + r : DescriptorText(r, 0); }
                }

                public static string Probe_create_ruleset(ulong handled, uint flags) { Clear(); long r = Check(Landlock.CreateRuleset(handled, flags)); return flags == 1 && r >= 0 ? "version " + r : DescriptorText(r, 0); }
                public static long NewRuleset(ulong handled) { ulong attr = handled; Clear(); return Check(syscall_for_runs(Sys.SYS_landlock_create_ruleset, (nint)(&attr), 8, 0, 0, 0)); }
                public static long OpenPath(string directory) { Clear(); return Check(open_for_runs(directory, 0x200000 | 0x10000 | 0x80000)); }
                public static long Probe_add_path_beneath(int ruleset, int parent, ulong access) { Clear(); return Check(Landlock.AddPathBeneath(ruleset, parent, access)); }

                public static object MakeSchedAttr(uint size) => new SchedAttr { Size = size };
                public static string Probe_set_sched_attr(int pid, uint size, uint flags) { SchedAttr a = new SchedAttr { Size = size }; Clear(); long r = Check(SchedAttributes.SetSchedAttr(pid, ref a, flags)); return (r < 0 ? "E" + (-r) : "r" + r) + " size " + a.Size; }
                public static string Probe_get_sched_attr(int pid, uint size) { Clear(); long r = Check(SchedAttributes.GetSchedAttr(pid, out SchedAttr a, size)); return r < 0 ? "E" + (-r) : "r" + r + " size " + a.Size + " policy " + a.Policy + " nice " + a.Nice; }

                /// <summary>The unique ID of the mount holding <paramref name="path"/> (statx STATX_MNT_ID_UNIQUE: stx_mnt_id at byte 144).</summary>
                public static long UniqueMountId(string path) { byte* sx = stackalloc byte[256]; byte[] name = System.Text.Encoding.UTF8.GetBytes(path + "\0"); fixed (byte* p = name) { if (syscall_for_runs(332, -100, (nint)p, 0, 0x4000, (nint)sx) < 0) return -Errno(); } return (*(uint*)sx & 0x4000) != 0 ? *(long*)(sx + 144) : -95; }
                public static string Probe_statmount(ulong id, ulong mask, int size) { byte[] b = new byte[size]; Clear(); long r = Check(Mounts.StatMount(id, mask, b)); return r < 0 ? "E" + (-r) : "r" + r + ":" + Convert.ToHexString(b, 0, Math.Min(size, 128)); }
                public static string Probe_listmount(ulong parent, int n) { ulong[] ids = new ulong[n]; Clear(); long r = Check(Mounts.ListMounts(parent, ids)); return IdsText(r, ids); }
                public static string IdsText(long r, ulong[] ids) => r < 0 ? "E" + (-r) : r + ":" + string.Join(",", new ArraySegment<ulong>(ids, 0, (int)Math.Min(r, ids.Length)));
                public static object MakeMntIdReq(ulong id) => new MntIdReq { Size = 24, MntId = id };
                public static string Probe_listmount_import(ulong parent, int n, uint flags) { ulong[] ids = new ulong[n]; MntIdReq q = new MntIdReq { Size = 24, MntId = parent }; Clear(); long r = Check(Mounts.listmount(Sys.SYS_listmount, in q, ids, (nuint)n, flags)); return IdsText(r, ids); }

                public static string Probe_cachestat(int fd, ulong start, ulong count, uint flags) { Clear(); long r = Check(PageCache.PageCacheState(fd, start, count, flags, out Cachestat cs)); return r < 0 ? "E" + (-r) : "r" + r + " cached " + cs.NrCache; }
                public static object MakeRange(ulong off, ulong len) => new CachestatRange { Off = off, Len = len };
                public static string Probe_cachestat_import(int fd, ulong off, ulong len, uint flags) { CachestatRange range = new CachestatRange { Off = off, Len = len }; Cachestat cs = default; Clear(); long r = Check(PageCache.cachestat(Sys.SYS_cachestat, fd, in range, &cs, flags)); return r < 0 ? "E" + (-r) : "r" + r + " cached " + cs.NrCache; }

                /// <summary>An epoll descriptor watching an eventfd that holds 1 (EPOLLIN, data <paramref name="data"/>): (epfd &lt;&lt; 32) | eventfd.</summary>
                public static long EpollWithReadyEventfd(ulong data)
                {
                    int efd = (int)syscall_for_runs(290, 1, 0x80000, 0, 0, 0);
                    int epfd = (int)syscall_for_runs(291, 0x80000, 0, 0, 0, 0);
                    if (efd < 0 || epfd < 0) return -Errno();
                    EpollEvent ev = new EpollEvent { Events = 1, Data = data };
                    if (syscall_for_runs(233, epfd, 1, efd, (nint)(&ev), 0) < 0) return -Errno();
                    return ((long)epfd << 32) | (uint)efd;
                }

                public static string EventsText(long n, EpollEvent[] events) { if (n < 0) return "E" + (-n); string t = n + ":"; for (int i = 0; i < n && i < events.Length; i++) t += " " + events[i].Events + "/" + events[i].Data; return t; }
                public static string EventsTextOf(long n, object events) => EventsText(n, (EpollEvent[])events);
                public static string Probe_wait_events(int epfd, int max, long ns) { EpollEvent[] e = new EpollEvent[max]; Clear(); return EventsText(Check(EpollWaits.WaitEvents(epfd, e, ns)), e); }
                public static object MakeTimespec(long ns) => new Timespec { Sec = ns / 1_000_000_000, Nsec = ns % 1_000_000_000 };
                public static string Probe_epoll_pwait2(int epfd, int max, long ns) { EpollEvent[] e = new EpollEvent[max]; Timespec ts = new Timespec { Sec = ns / 1_000_000_000, Nsec = ns % 1_000_000_000 }; Clear(); return EventsText(Check(EpollWaits.epoll_pwait2(epfd, e, max, in ts, 0)), e); }
            }
        }
        """;

    public const string ExtensibleLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Extensible
        {
            public static unsafe class ExtensibleLibraryImportProbes
            {
                public static string Probe_openat2_span(int dirfd, string path, byte[] how, ulong size) { Marshal.SetLastPInvokeError(0); long r = OpenHowCalls.Openat2(437, dirfd, path, how, (nuint)size); return ExtensibleProbes.DescriptorText(r < 0 ? -Marshal.GetLastPInvokeError() : r, 0); }
            }
        }
        """;

    public const string Remote = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Remote
        {
            public static unsafe class RemoteProbes
            {
        """ + "\n" + TwentyFirstRoundHelpers + "\n" + """

                /// <summary>Native memory, 4096-aligned, filled with <paramref name="fill"/>; the run frees it.</summary>
                public static long Alloc(int size, int fill) { void* p = NativeMemory.AlignedAlloc((nuint)size, 4096); new Span<byte>(p, size).Fill((byte)fill); return (long)p; }
                public static void Free(long address) => NativeMemory.AlignedFree((void*)address);
                public static string MemoryText(long address, int n) => Hex((byte*)address, n);
                public static void Fill(long address, int n, int value) => new Span<byte>((void*)address, n).Fill((byte)value);
                public static object Iovecs(long address, int length) => new Iovec[] { new Iovec { Base = (void*)address, Length = (nuint)length } };
                public static int ProcessId() => Environment.ProcessId;

                public static long Probe_vm_readv(int pid, long local, long remote, int length)
                {
                    Iovec[] l = { new Iovec { Base = (void*)local, Length = (nuint)length } }, r = { new Iovec { Base = (void*)remote, Length = (nuint)length } };
                    Clear();
                    return Check(ProcessMemory.process_vm_readv(pid, l, 1, r, 1, 0));
                }

                public static long Probe_write_process_memory(int pid, long remote, byte[] source) { Clear(); return Check(ProcessMemory.WriteProcessMemory(pid, (nint)remote, source)); }
                public static long Probe_vm_writev_syscall(int pid, long local, long remote, int length)
                {
                    Iovec[] l = { new Iovec { Base = (void*)local, Length = (nuint)length } }, r = { new Iovec { Base = (void*)remote, Length = (nuint)length } };
                    Clear();
                    return Check(ProcessMemory.process_vm_writev(311, pid, l, 1, r, 1, 0));
                }

                public static long Probe_read_process_memory(int pid, long local, long remote, int length)
                {
                    Iovec[] l = { new Iovec { Base = (void*)local, Length = (nuint)length } }, r = { new Iovec { Base = (void*)remote, Length = (nuint)length } };
                    Clear();
                    return Check(ProcessMemory.ReadProcessMemory(pid, l, r));
                }

                public static long PidfdOfSelf() { Clear(); return Check(syscall_for_runs(434, Environment.ProcessId, 0, 0, 0, 0)); }
                public static string Probe_take_descriptor(int pidfd, int target) { Clear(); return HandleText(ProcessDescriptors.TakeDescriptor(pidfd, target), 0); }

                public static object Waiters(long word, uint expected, int count) { FutexWaitv[] w = new FutexWaitv[count]; for (int i = 0; i < count; i++) w[i] = new FutexWaitv { Val = expected, Uaddr = (ulong)word, Flags = 2 | 128 }; return w; }
                public static long Probe_futex_waitv(long word, uint expected, uint count) { FutexWaitv[] w = (FutexWaitv[])Waiters(word, expected, Math.Max(1, (int)count)); Clear(); return Check(Futexes.futex_waitv(449, w, count, 0, 0, 1)); }
                public static long Probe_wait_for_change(long word, uint expected) { Clear(); return Check(Futexes.WaitForChange(new nint[] { (nint)word }, new uint[] { expected })); }

                public static string Probe_get_mempolicy(long address, ulong flags) { ulong[] mask = new ulong[1]; Clear(); long r = Check(Numa.get_mempolicy(out int mode, mask, 64, (nint)address, flags)); return r < 0 ? "E" + (-r) : "r" + r + " mode " + mode + " mask " + mask[0]; }
                public static string Probe_policy_of_address(long address) { Clear(); long r = Check(Numa.PolicyOfAddress((nint)address, out int mode)); return r < 0 ? "E" + (-r) : "r" + r + " mode " + mode; }
                public static long Probe_bind_range(long address, ulong size, int mode, ulong mask, uint flags) { Clear(); return Check(Numa.BindRange((nint)address, (nuint)size, mode, mask, flags)); }
                public static string StatusText(long r, int[] status, int n) => r < 0 ? "E" + (-r) : "r" + r + ":" + string.Join(",", new ArraySegment<int>(status, 0, n));
                public static string Probe_nodes_of_pages(int pid, long[] pages) { nint[] p = Array.ConvertAll(pages, a => (nint)a); int[] s = new int[p.Length]; Clear(); return StatusText(Check(Numa.NodesOfPages(pid, p, s)), s, s.Length); }

                public static long Probe_user_io_priority(int uid) { Clear(); return Check(IoPriority.UserIoPriority(uid)); }
                public static long Probe_process_group_io_priority() { Clear(); return Check(IoPriority.ProcessGroupIoPriority()); }
                public static long Probe_set_process_io_priority(int pid, int ioClass, int level) { Clear(); return Check(IoPriority.SetProcessIoPriority(pid, ioClass, level)); }

                /// <summary>A duplicate of <paramref name="fd"/> at 200 or above without close-on-exec (F_DUPFD).</summary>
                public static long DuplicateInheritable(int fd) { Clear(); return Check(fcntl_for_runs(fd, 0, 200)); }
                public static string CloexecText(int fd) { int f = fcntl_for_runs(fd, 1, 0); return f < 0 ? "E" + Errno() : (f & 1) != 0 ? "cloexec" : "inheritable"; }
                public static long Probe_close_range_from(int fd, int count, int flags) { Clear(); return Check(DescriptorRanges.CloseRangeFrom(fd, count, flags)); }
            }
        }
        """;

    public const string RemoteLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Remote
        {
            public static unsafe class RemoteLibraryImportProbes
            {
                public static long Probe_process_madvise(int pidfd, long address, int length, int advice, uint flags)
                {
                    Iovec[] v = { new Iovec { Base = (void*)address, Length = (nuint)length } };
                    Marshal.SetLastPInvokeError(0);
                    nint r = ProcessDescriptors.process_madvise(pidfd, v, 1, advice, flags);
                    return r < 0 ? -Marshal.GetLastPInvokeError() : r;
                }
            }
        }
        """;
}
