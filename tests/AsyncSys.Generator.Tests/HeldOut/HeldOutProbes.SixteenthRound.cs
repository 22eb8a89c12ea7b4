namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the sixteenth blind round (Facilities.case, LibraryState.case), written with the case files before
/// the generator was run on them. Same convention: the call's result, or -errno; a call returning the error number gives
/// -that number. Probes whose answer lives in the calling thread's state (dlerror) are called on a thread the run starts.
/// </summary>
internal static partial class HeldOutProbes
{
    public const string Facilities = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Facilities
        {
            public static unsafe class FacilitiesProbes
            {
                [DllImport("libc", EntryPoint = "syscall", SetLastError = true)] private static extern long sys_for_runs(long number, long a1, long a2, long a3, long a4, long a5);
                [DllImport("libc", EntryPoint = "syscall", SetLastError = true)] private static extern long new_keyring_for_runs(long number, string type, string description, nint payload, nint plen, int keyring);
                [DllImport("libc", EntryPoint = "close")] private static extern int close_for_runs(int fd);
                [DllImport("libc", EntryPoint = "mmap", SetLastError = true)] private static extern nint mmap_for_runs(nint addr, nuint length, int prot, int flags, int fd, long offset);
                [DllImport("libc", EntryPoint = "munmap")] private static extern int munmap_for_runs(nint addr, nuint length);
                [DllImport("libc", EntryPoint = "gettid")] private static extern int gettid_for_runs();

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_gettid() => gettid_for_runs();
                public static long Probe_close(int fd) => close_for_runs(fd);
                public static long Probe_new_user_keyring(string name) => Check(new_keyring_for_runs(248, "keyring", name, 0, 0, -4));
                public static long Probe_unlink_key(int key, int keyring) => Check(sys_for_runs(250, 9, key, keyring, 0, 0));
                public static long Probe_mmap_pages(long length) { nint p = mmap_for_runs(0, (nuint)length, 3, 0x22, -1, 0); return p == -1 ? -Marshal.GetLastPInvokeError() : p; }
                public static long Probe_munmap(long address, long length) => munmap_for_runs((nint)address, (nuint)length);

                public static long Probe_add_key(string type, string description, byte[] payload, int keyring) => Check(Keys.add_key(type, description, payload, (nuint)payload.Length, keyring));
                public static long Probe_read_key(int key, byte[] buffer) => Check(Keys.ReadKey(key, buffer));
                public static long Probe_request_key_number(long number, string description) => Check(Keys.request_key(number, "user", description, null, 0));

                public static long Probe_open_task_clock(int pid) => Check(Counters.OpenTaskClock(pid));
                public static long Probe_ioctl(int fd, long request, long arg) => Check(Counters.ioctl(fd, (nuint)request, (nint)arg));
                public static long Probe_read_counter(int fd) => Check(Counters.ReadCounter(fd, out _));
                public static long Probe_read_counter_value(int fd) { long r = Counters.ReadCounter(fd, out ulong v); return r < 0 ? -Marshal.GetLastPInvokeError() : (long)v; }

                public static long Probe_bpf_create_array(int keySize, int valueSize, int maxEntries)
                {
                    uint* attr = stackalloc uint[16];
                    new Span<uint>(attr, 16).Clear();
                    attr[0] = 2; attr[1] = (uint)keySize; attr[2] = (uint)valueSize; attr[3] = (uint)maxEntries;
                    return Check(Bpf.bpf_input(321, 0, attr, 64));
                }

                public static long Probe_lookup(int fd, uint key) => Check(Bpf.Lookup(fd, key, out _));
                public static long Probe_lookup_value(int fd, uint key) { int r = Bpf.Lookup(fd, key, out ulong v); return r < 0 ? -Marshal.GetLastPInvokeError() : (long)v; }
                public static long Probe_update(int fd, uint key, long value, long flags) => Check(Bpf.Update(fd, key, (ulong)value, (ulong)flags));
                public static long Probe_instance_lookup_value(int fd, uint key) { int r = new BpfArrayMap(fd).Lookup(key, out ulong v); return r < 0 ? -Marshal.GetLastPInvokeError() : (long)v; }

                public static long Probe_userfaultfd(int flags) => Check(FaultHandling.userfaultfd(323, flags));
                public static long Probe_handshake(int uffd) => Check(FaultHandling.Handshake(uffd, out _));
                public static long Probe_handshake_features(int uffd) { int r = FaultHandling.Handshake(uffd, out ulong f); return r < 0 ? -Marshal.GetLastPInvokeError() : (long)f; }
                public static long Probe_register(int uffd, long start, long length, long mode) => Check(FaultHandling.Register(uffd, (nint)start, (ulong)length, (ulong)mode, out _));
                public static long Probe_register_ioctls(int uffd, long start, long length, long mode) { int r = FaultHandling.Register(uffd, (nint)start, (ulong)length, (ulong)mode, out ulong i); return r < 0 ? -Marshal.GetLastPInvokeError() : (long)i; }

                public static long Probe_membarrier(int cmd, int flags) => Check(Barriers.membarrier(324, cmd, (uint)flags, 0));
                public static long Probe_register_expedited() => Check(Barriers.RegisterPrivateExpedited());

                public static long Probe_ptrace(int request, int pid, long addr, long data) => Check(Tracing.ptrace(request, pid, (nint)addr, (nint)data));

                public static long Probe_execve(string path) => Check(Programs.execve(path, new string?[] { path, null }, new string?[] { null }));
                public static long Probe_fexecve(int fd) => Check(Programs.fexecve(new SafeFileHandle((IntPtr)fd, false), new string?[] { "h16", null }, new string?[] { null }));

                public static long Probe_fsconfig(int fd, int cmd, string? key, string? value, int aux) => Check(Mounts.fsconfig(fd, (uint)cmd, key, value, aux));
                public static long Probe_read_context_message(int fd, byte[] buffer) => Check(Mounts.ReadContextMessage(fd, buffer));
                public static long Probe_fsmount(int fd, int flags, int attrFlags) => Check(Mounts.fsmount(fd, (uint)flags, (uint)attrFlags));
                public static long Probe_open_tree(int dirfd, string path, int flags) => Check(Mounts.open_tree(dirfd, path, (uint)flags));
                public static long Probe_move_mount(int fromDirfd, string from, int toDirfd, string to, int flags) => Check(Mounts.move_mount(fromDirfd, from, toDirfd, to, (uint)flags));
                public static long Probe_quotactl(int cmd, string? special, int id) => Check(Mounts.quotactl(cmd, special, id, 0));

                public static long Probe_io_setup(int maxEvents) { int r = UserAio.io_setup(maxEvents, out nint ctx); if (r == 0) UserAio.io_destroy(ctx); return r; }
                public static long Probe_io_setup_context(int maxEvents) { int r = UserAio.io_setup(maxEvents, out nint ctx); return r < 0 ? r : ctx; }
                public static long Probe_io_destroy(long ctx) => UserAio.io_destroy((nint)ctx);
            }
        }
        """;

    public const string FacilitiesLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Facilities
        {
            public static unsafe class FacilitiesLibraryImportProbes
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_keyctl(int operation, long arg2) => Check(Keys.keyctl(operation, (nuint)arg2, 0, 0, 0));
                public static long Probe_fsopen(string name, int flags) => Check(Mounts.fsopen(name, (uint)flags));
            }
        }
        """;

    public const string LibraryState = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.LibraryState
        {
            public static unsafe class LibraryStateProbes
            {
                [DllImport("libc", EntryPoint = "dlopen")] private static extern nint dlopen_for_runs(string? file, int mode);
                [DllImport("libc", EntryPoint = "dlclose")] private static extern int dlclose_for_runs(nint handle);
                [DllImport("libc", EntryPoint = "iconv_close")] private static extern int iconv_close_for_runs(nint cd);
                [DllImport("libc", EntryPoint = "gettid")] private static extern int gettid_for_runs();

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_gettid() => gettid_for_runs();
                public static long Probe_fail_dlopen(string path) => dlopen_for_runs(path, 2);
                public static long Probe_dlopen_raw(string path) => dlopen_for_runs(path, 2);
                public static long Probe_dlclose(long handle) => dlclose_for_runs((nint)handle);
                public static long Probe_dlerror_is_set() => Loader.dlerror() != 0 ? 1 : 0;
                public static long Probe_last_error_is_set() => Loader.LastError() is null ? 0 : 1;
                public static long Probe_dlopen(string path) => Loader.dlopen(path, 2);
                public static long Probe_load(string path) => Loader.Load(path, 2, out _);
                public static string? Probe_load_message(string path) { Loader.Load(path, 2, out string? e); return e; }
                public static long Probe_symbol(long handle, string name) { try { return Loader.SymbolOrThrow((nint)handle, name); } catch (EntryPointNotFoundException) { return -1; } }

                public static string Probe_strerror_text(int errnum) => Marshal.PtrToStringUTF8(Messages.strerror(errnum)) ?? "";
                public static string Probe_error_text(int errnum) => Messages.ErrorText(errnum);
                public static long Probe_strerror_r(int errnum, byte[] buffer) { int r = Messages.strerror_r(errnum, buffer, (nuint)buffer.Length); return r == 0 ? 0 : -r; }

                public static long Probe_iconv_open(string to, string from) { nint cd = Conversions.iconv_open(to, from); if (cd == -1) return -Marshal.GetLastPInvokeError(); iconv_close_for_runs(cd); return 0; }
                public static long Probe_iconv_open_handle(string to, string from) { nint cd = Conversions.iconv_open(to, from); return cd == -1 ? -Marshal.GetLastPInvokeError() : cd; }
                public static long Probe_iconv_close(long cd) => iconv_close_for_runs((nint)cd);
                public static long Probe_convert(long cd, byte[] input, byte[] output) => Check(new Converter((nint)cd).Convert(input, output));

                public static string? Probe_crypt_text(string phrase, string setting) { nint r = Passwords.crypt(phrase, setting); return r == 0 ? null : Marshal.PtrToStringUTF8(r); }
                public static string? Probe_hash(string phrase, string setting) => Passwords.Hash(phrase, setting);
            }
        }
        """;

    public const string LibraryStateLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.LibraryState
        {
            public static unsafe class LibraryStateLibraryImportProbes
            {
                public static long Probe_strerror_r_gnu(int errnum, byte[] buffer) => Messages.strerror_r_gnu(errnum, buffer, (nuint)buffer.Length);
            }
        }
        """;
}
