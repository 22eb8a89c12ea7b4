using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the sixteenth blind round (Facilities.case, LibraryState.case), written with the case files, before
/// the generator was run on them. Kernel objects are made per side (a perf counter, a bpf map, a userfaultfd, an fs context,
/// an AIO context, keys in a keyring the run makes under the user keyring and unlinks at the end), so the sync wrapper and the
/// variant each act on their own; a call that makes a new object is compared by kind (a descriptor on both sides, or the
/// same errno), then both objects are closed. A value that makes the call act on the calling thread (pid 0, the thread
/// keyring) must be refused at the call. Nothing changes the test host for good: execve only fails (a missing path, a file
/// that is not executable), move_mount only fails, mounts are made detached (fsmount, open_tree's clone) and dropped with
/// their descriptor, ptrace only attaches to /bin/sleep children the run starts, kills and reaps.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const int KeyctlGetKeyringId = 0, KeyctlJoinSessionKeyring = 1, KeySpecThreadKeyring = -1;
    private const int PerfEventIocEnable = 0x2400, PtraceSeize = 0x4206, PtraceInterrupt = 0x4207;
    private const int OCloexecNonblockUserMode = 0x80000 | 0x800 | 1, UffdioRegisterModeMissing = 1;
    private const int FsconfigSetFlag = 0, FsconfigSetString = 1, FsconfigCmdCreate = 6;
    private const string MissingLibrary = "/asyncsys-h16-missing.so";

    private static Dictionary<string, (string, string)> WithSixteenthRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Facilities"] = (HeldOutProbes.Facilities, HeldOutProbes.FacilitiesLibraryImport);
        probes["LibraryState"] = (HeldOutProbes.LibraryState, HeldOutProbes.LibraryStateLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithSixteenthRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in FacilitiesRuns().Concat(LibraryStateRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> FacilitiesRuns() => new()
    {
        ["kf.add_key_libkeyutils_keyring_param"] = r => WithKeyring(r, "h16-add", async ring =>
        {
            byte[] payload = Encoding.ASCII.GetBytes("abc");
            r.ExpectSame("a user key in a keyring the run made (the same description: the key is updated, its serial returned)",
                r.Sync("Probe_add_key", "user", "h16-a", payload, ring), await r.Async(AddKey("user", "h16-a", payload, ring)));
            r.ExpectSame("a keyring that does not exist", r.Sync("Probe_add_key", "user", "h16-a", payload, NoSuchPid), await r.Async(AddKey("user", "h16-a", payload, NoSuchPid)));
            r.ExpectSame("an unknown key type (ENODEV)", r.Sync("Probe_add_key", "h16-no-such-type", "h16-a", payload, ring), await r.Async(AddKey("h16-no-such-type", "h16-a", payload, ring)));
            r.ExpectCallingThreadRefused("KEY_SPEC_THREAD_KEYRING (-1)", await r.Async(AddKey("user", "h16-t", payload, KeySpecThreadKeyring)), "keyring");
        }),
        ["kf.keyctl_operation_param_libraryimport"] = r => WithKeyring(r, "h16-keyctl", async ring =>
        {
            r.ExpectSame("KEYCTL_GET_KEYRING_ID of a keyring the run made", r.Sync("Probe_keyctl", KeyctlGetKeyringId, (long)ring), await r.Async(Keyctl(KeyctlGetKeyringId, (nuint)ring)));
            r.ExpectSame("KEYCTL_GET_KEYRING_ID of a key that does not exist", r.Sync("Probe_keyctl", KeyctlGetKeyringId, (long)NoSuchPid), await r.Async(Keyctl(KeyctlGetKeyringId, (nuint)NoSuchPid)));
            r.ExpectCallingThreadRefused("KEYCTL_JOIN_SESSION_KEYRING", await r.Async(Keyctl(KeyctlJoinSessionKeyring, 0)), "operation");
            r.ExpectCallingThreadRefused("KEYCTL_GET_KEYRING_ID of KEY_SPEC_THREAD_KEYRING (-1)", await r.Async(Keyctl(KeyctlGetKeyringId, unchecked((nuint)(nint)KeySpecThreadKeyring))), "arg2");
        }),
        ["kf.keyctl_read_body"] = r => WithKeyring(r, "h16-read", async ring =>
        {
            int key = (int)r.Sync("Probe_add_key", "user", "h16-r", Encoding.ASCII.GetBytes("secret"), ring);
            byte[] a = new byte[16], b = new byte[16];
            r.ExpectSame("KEYCTL_READ of a user key", r.Sync("Probe_read_key", key, a), await r.Async(("key", key), ("buffer", b)));
            r.ExpectBytes("the key's payload", a, b);
            r.ExpectSame("a key that does not exist", r.Sync("Probe_read_key", NoSuchPid, new byte[16]), await r.Async(("key", NoSuchPid), ("buffer", new byte[16])));
            r.ExpectCallingThreadRefused("KEY_SPEC_THREAD_KEYRING (-1)", await r.Async(("key", KeySpecThreadKeyring), ("buffer", new byte[16])), "key");
        }),
        ["kf.request_key_syscall_number_param"] = async r =>
        {
            r.ExpectSame("number 39 (getpid: the process's ID, any thread)", r.Sync("Probe_request_key_number", 39L, "h16-none"),
                await r.Async(("number", 39L), ("type", "user"), ("description", "h16-none"), ("callout_info", null), ("dest_keyring", 0)));
            r.ExpectCallingThreadRefused("number 249 (request_key: the calling thread's keyrings)",
                await r.Async(("number", 249L), ("type", "user"), ("description", "h16-none"), ("callout_info", null), ("dest_keyring", 0)), "number");
        },
        ["pf.perf_event_open_pid_body"] = async r =>
        {
            using (var a = new ParkedThread(r))
            using (var b = new ParkedThread(r))
            {
                ExpectDescriptor(r, "a task clock of a thread the run names", r.Sync("Probe_open_task_clock", a.Tid), await r.Async(("pid", b.Tid)));
            }

            r.ExpectSame("no such thread (ESRCH)", r.Sync("Probe_open_task_clock", NoSuchPid), await r.Async(("pid", NoSuchPid)));
            r.ExpectCallingThreadRefused("pid 0 (the calling thread)", await r.Async(("pid", 0)), "pid");
        },
        ["pf.perf_ioctl_nint_arg"] = async r =>
        {
            int a = (int)r.Sync("Probe_open_task_clock", Environment.ProcessId), b = (int)r.Sync("Probe_open_task_clock", Environment.ProcessId);
            try
            {
                r.ExpectSame("PERF_EVENT_IOC_ENABLE", r.Sync("Probe_ioctl", a, PerfEventIocEnable, 0L), await r.Async(("fd", b), ("request", (nuint)PerfEventIocEnable), ("arg", (nint)0)));
                r.ExpectSame("an unknown perf ioctl", r.Sync("Probe_ioctl", a, 0x24ff, 0L), await r.Async(("fd", b), ("request", (nuint)0x24ff), ("arg", (nint)0)));
            }
            finally
            {
                r.Sync("Probe_close", a);
                r.Sync("Probe_close", b);
            }

            r.ExpectSame("a descriptor that is not open", r.Sync("Probe_ioctl", HeldOutRun.NotAnOpenFd, PerfEventIocEnable, 0L),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("request", (nuint)PerfEventIocEnable), ("arg", (nint)0)));
        },
        ["pf.read_counter_ordinary"] = async r =>
        {
            int a = (int)r.Sync("Probe_open_task_clock", Environment.ProcessId), b = (int)r.Sync("Probe_open_task_clock", Environment.ProcessId);
            try
            {
                VariantOutcome outcome = await r.Async(("fd", b));
                r.ExpectSame("read of a disabled counter (8 bytes)", r.Sync("Probe_read_counter", a), outcome);
                r.ExpectSame("its value (never enabled: 0)", r.Sync("Probe_read_counter_value", a), WithMember(outcome, "count"));
            }
            finally
            {
                r.Sync("Probe_close", a);
                r.Sync("Probe_close", b);
            }

            r.ExpectSame("a descriptor that is not open", r.Sync("Probe_read_counter", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
        },
        ["bpf.bpf_union_marked_input"] = async r =>
        {
            ExpectDescriptor(r, "BPF_MAP_CREATE of an array map", r.Sync("Probe_bpf_create_array", 4, 8, 4),
                await r.Async(("number", 321L), ("cmd", 0), ("attr", ArrayMapAttr(2, 4, 8, 4)), ("size", 64u)));
            r.ExpectSame("an unknown map type (EINVAL)", r.Sync("Probe_bpf_create_array", 0, 8, 4),
                await r.Async(("number", 321L), ("cmd", 0), ("attr", ArrayMapAttr(2, 0, 8, 4)), ("size", 64u)));
        },
        ["bpf.map_lookup_ordinary"] = r => WithMap(r, async map =>
        {
            r.Sync("Probe_update", map, 1u, 77L, 0L);
            VariantOutcome outcome = await r.Async(("mapFd", map), ("key", 1u));
            r.ExpectSame("BPF_MAP_LOOKUP_ELEM of key 1", r.Sync("Probe_lookup", map, 1u), outcome);
            r.ExpectSame("the value the kernel wrote through the union's pointer (77)", r.Sync("Probe_lookup_value", map, 1u), WithMember(outcome, "value"));
            r.ExpectSame("a key past the array (ENOENT)", r.Sync("Probe_lookup", map, 9u), await r.Async(("mapFd", map), ("key", 9u)));
            r.ExpectSame("a descriptor that is not open", r.Sync("Probe_lookup", HeldOutRun.NotAnOpenFd, 1u), await r.Async(("mapFd", HeldOutRun.NotAnOpenFd), ("key", 1u)));
        }),
        ["bpf.map_update_ordinary_default_flags"] = r => WithMap(r, a => WithMap(r, async b =>
        {
            r.ExpectSame("BPF_MAP_UPDATE_ELEM key 2 = 5 (default flags)", r.Sync("Probe_update", a, 2u, 5L, 0L), await r.Async(("mapFd", b), ("key", 2u), ("value", 5UL)));
            r.ExpectSame("the value stored", r.Sync("Probe_lookup_value", a, 2u), new VariantOutcome(null, r.Sync("Probe_lookup_value", b, 2u), null, null));
            r.ExpectSame("a key past the array (E2BIG)", r.Sync("Probe_update", a, 9u, 5L, 0L), await r.Async(("mapFd", b), ("key", 9u), ("value", 5UL)));
            r.ExpectSame("BPF_NOEXIST on an array (EEXIST)", r.Sync("Probe_update", a, 2u, 5L, 1L), await r.Async(("mapFd", b), ("key", 2u), ("value", 5UL), ("flags", 1UL)));
        })),
        ["bpf.instance_lookup"] = r => WithMap(r, async map =>
        {
            r.Sync("Probe_update", map, 3u, 33L, 0L);
            VariantOutcome outcome = await r.AsyncOn(r.NewObject("HeldOut.Facilities.BpfArrayMap", map), ("key", 3u));
            r.ExpectSame("an object owning the map: key 3 (33)", r.Sync("Probe_instance_lookup_value", map, 3u), WithMember(outcome, "value"));
            r.ExpectSame("a key past the array (ENOENT)", r.Sync("Probe_lookup", map, 9u), await r.AsyncOn(r.NewObject("HeldOut.Facilities.BpfArrayMap", map), ("key", 9u)));
        }),
        ["uffd.userfaultfd_number_param"] = async r =>
        {
            ExpectDescriptor(r, "a user-mode-only userfaultfd", r.Sync("Probe_userfaultfd", OCloexecNonblockUserMode), await r.Async(("number", 323L), ("flags", OCloexecNonblockUserMode)));
            r.ExpectSame("unknown flags (EINVAL)", r.Sync("Probe_userfaultfd", 0x40), await r.Async(("number", 323L), ("flags", 0x40)));
        },
        ["uffd.handshake_ordinary"] = r => WithUffd(r, a => WithUffd(r, c => WithUffd(r, async b =>
        {
            // The features come from a handshake of their own (c): a userfaultfd takes UFFDIO_API once (the first run read
            // them from a second handshake on a, which is EINVAL).
            VariantOutcome outcome = await r.Async(("uffd", b));
            r.ExpectSame("UFFDIO_API on a new userfaultfd", r.Sync("Probe_handshake", a), outcome);
            r.ExpectSame("the features the kernel wrote back", r.Sync("Probe_handshake_features", c), WithMember(outcome, "features"));
            r.ExpectSame("UFFDIO_API a second time", r.Sync("Probe_handshake", a), await r.Async(("uffd", b)));
            r.ExpectSame("a descriptor that is not open", r.Sync("Probe_handshake", HeldOutRun.NotAnOpenFd), await r.Async(("uffd", HeldOutRun.NotAnOpenFd)));
        }))),
        ["uffd.register_ordinary"] = r => WithUffd(r, a => WithUffd(r, async b =>
        {
            r.Sync("Probe_handshake", a);
            r.Sync("Probe_handshake", b);
            long pa = r.Sync("Probe_mmap_pages", 8192L), pb = r.Sync("Probe_mmap_pages", 8192L);
            try
            {
                VariantOutcome outcome = await r.Async(("uffd", b), ("start", (nint)pb), ("length", 8192UL), ("mode", (ulong)UffdioRegisterModeMissing));
                r.ExpectSame("UFFDIO_REGISTER of two anonymous pages", r.Sync("Probe_register", a, pa, 8192L, (long)UffdioRegisterModeMissing), outcome);
                r.ExpectSame("the ioctls the kernel wrote back", r.Sync("Probe_register_ioctls", a, pa, 8192L, (long)UffdioRegisterModeMissing), WithMember(outcome, "ioctls"));
                r.ExpectSame("an unaligned start (EINVAL)", r.Sync("Probe_register", a, pa + 1, 4096L, (long)UffdioRegisterModeMissing),
                    await r.Async(("uffd", b), ("start", (nint)(pb + 1)), ("length", 4096UL), ("mode", (ulong)UffdioRegisterModeMissing)));
            }
            finally
            {
                r.Sync("Probe_munmap", pa, 8192L);
                r.Sync("Probe_munmap", pb, 8192L);
            }
        })),
        ["mb.membarrier_number_param"] = async r =>
        {
            r.ExpectSame("MEMBARRIER_CMD_QUERY", r.Sync("Probe_membarrier", 0, 0), await r.Async(("number", 324L), ("cmd", 0), ("flags", 0u), ("cpu_id", 0)));
            r.ExpectSame("an unknown command (EINVAL)", r.Sync("Probe_membarrier", 0x7fff, 0), await r.Async(("number", 324L), ("cmd", 0x7fff), ("flags", 0u), ("cpu_id", 0)));
        },
        ["mb.register_private_expedited_body"] = async r => r.ExpectSame("MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED (the process's)", r.Sync("Probe_register_expedited"), await r.Async()),
        ["pt.ptrace_request_param"] = r =>
        {
            using Process a = Sleeper(), b = Sleeper();
            try
            {
                long sync = OnOwnThread(r, _ => r.Sync("Probe_ptrace", PtraceSeize, a.Id, 0L, 0L) == 0 ? r.Sync("Probe_ptrace", PtraceInterrupt, a.Id, 0L, 0L) : -1);
                long variant = OnOwnThread(r, _ =>
                {
                    VariantOutcome seized = r.Async(("request", PtraceSeize), ("pid", b.Id), ("addr", (nint)0), ("data", (nint)0)).GetAwaiter().GetResult();
                    return seized.Other is null && seized.Errno is null ? r.Sync("Probe_ptrace", PtraceInterrupt, b.Id, 0L, 0L) : seized.Normalized ?? -1;
                });
                r.ExpectSame("PTRACE_SEIZE of a child, then PTRACE_INTERRUPT from the same thread (the tracer)", sync, new VariantOutcome(null, variant, null, null));
            }
            finally
            {
                Reap(a);
                Reap(b);
            }

            return Task.CompletedTask;
        },
        ["ex.execve_string_arrays"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "h16-missing-program");
            r.ExpectSame("a missing program (ENOENT)", r.Sync("Probe_execve", missing), await r.Async(Exec(missing)));
            string data = Path.Combine(r.Directory, "h16-not-executable");
            File.WriteAllBytes(data, new byte[] { 1, 2, 3 });
            r.ExpectSame("a file without execute permission (EACCES)", r.Sync("Probe_execve", data), await r.Async(Exec(data)));
        },
        ["ex.fexecve_safehandle"] = async r =>
        {
            int fd = r.OpenFile("h16-fexecve", new byte[] { 1, 2, 3 });
            r.ExpectSame("a file without execute permission (EACCES)", r.Sync("Probe_fexecve", fd),
                await r.Async(("fd", fd), ("argv", new string?[] { "h16", null }), ("envp", new string?[] { null })));
            r.ExpectSame("a descriptor that is not open", r.Sync("Probe_fexecve", HeldOutRun.NotAnOpenFd),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("argv", new string?[] { "h16", null }), ("envp", new string?[] { null })));
        },
        ["mnt.fsopen_libraryimport_utf8"] = async r =>
        {
            ExpectDescriptor(r, "an fs context for tmpfs", r.Sync("Probe_fsopen", "tmpfs", 1), await r.Async(("fsname", "tmpfs"), ("flags", 1u)));
            r.ExpectSame("an unknown file system (ENODEV)", r.Sync("Probe_fsopen", "h16-no-such-fs", 1), await r.Async(("fsname", "h16-no-such-fs"), ("flags", 1u)));
        },
        ["mnt.fsconfig_nullable_strings"] = r => WithFsContext(r, a => WithFsContext(r, async b =>
        {
            r.ExpectSame("FSCONFIG_SET_STRING size=1M", r.Sync("Probe_fsconfig", a, FsconfigSetString, "size", "1M", 0), await r.Async(Fsconfig(b, FsconfigSetString, "size", "1M")));
            r.ExpectSame("FSCONFIG_SET_FLAG ro (a null value)", r.Sync("Probe_fsconfig", a, FsconfigSetFlag, "ro", null, 0), await r.Async(Fsconfig(b, FsconfigSetFlag, "ro", null)));
            r.ExpectSame("an unknown parameter (EINVAL)", r.Sync("Probe_fsconfig", a, FsconfigSetString, "h16-nokey", "x", 0), await r.Async(Fsconfig(b, FsconfigSetString, "h16-nokey", "x")));
            r.ExpectSame("a descriptor that is not open", r.Sync("Probe_fsconfig", HeldOutRun.NotAnOpenFd, FsconfigSetString, "size", "1M", 0),
                await r.Async(Fsconfig(HeldOutRun.NotAnOpenFd, FsconfigSetString, "size", "1M")));
        })),
        ["mnt.fs_context_message_ordinary"] = r => WithFsContext(r, a => WithFsContext(r, async b =>
        {
            byte[] sa = new byte[256], sb = new byte[256];
            r.Sync("Probe_fsconfig", a, FsconfigSetString, "h16-nokey", "x", 0);
            r.Sync("Probe_fsconfig", b, FsconfigSetString, "h16-nokey", "x", 0);
            r.ExpectSame("the context's error message after an unknown parameter", r.Sync("Probe_read_context_message", a, sa), await r.Async(("fsfd", b), ("buffer", sb)));
            r.ExpectBytes("the message", sa, sb);
            r.ExpectSame("no message left (ENODATA)", r.Sync("Probe_read_context_message", a, new byte[256]), await r.Async(("fsfd", b), ("buffer", new byte[256])));
        })),
        ["mnt.fsmount_flags"] = r => WithFsContext(r, a => WithFsContext(r, async b =>
        {
            r.ExpectSame("fsmount of a context not yet created", r.Sync("Probe_fsmount", a, 1, 0), await r.Async(("fs_fd", b), ("flags", 1u), ("attr_flags", 0u)));
            r.Sync("Probe_fsconfig", a, FsconfigCmdCreate, null, null, 0);
            r.Sync("Probe_fsconfig", b, FsconfigCmdCreate, null, null, 0);
            ExpectDescriptor(r, "a detached tmpfs mount", r.Sync("Probe_fsmount", a, 1, 0), await r.Async(("fs_fd", b), ("flags", 1u), ("attr_flags", 0u)));
            r.ExpectSame("a descriptor that is not open", r.Sync("Probe_fsmount", HeldOutRun.NotAnOpenFd, 1, 0), await r.Async(("fs_fd", HeldOutRun.NotAnOpenFd), ("flags", 1u), ("attr_flags", 0u)));
        })),
        ["mnt.open_tree_clone"] = async r =>
        {
            const int CloneCloexec = 1 | 0x80000;
            ExpectDescriptor(r, "a detached clone of the run's directory", r.Sync("Probe_open_tree", -100, r.Directory, CloneCloexec),
                await r.Async(("dirfd", -100), ("filename", r.Directory), ("flags", (uint)CloneCloexec)));
            string missing = Path.Combine(r.Directory, "h16-missing");
            r.ExpectSame("a missing path (ENOENT)", r.Sync("Probe_open_tree", -100, missing, CloneCloexec), await r.Async(("dirfd", -100), ("filename", missing), ("flags", (uint)CloneCloexec)));
        },
        ["mnt.move_mount_paths"] = async r =>
        {
            string target = Path.Combine(r.Directory, "h16-target");
            r.ExpectSame("from a descriptor that is not open", r.Sync("Probe_move_mount", HeldOutRun.NotAnOpenFd, "", -100, target, 4),
                await r.Async(("from_dirfd", HeldOutRun.NotAnOpenFd), ("from_pathname", ""), ("to_dirfd", -100), ("to_pathname", target), ("flags", 4u)));
            string missing = Path.Combine(r.Directory, "h16-missing");
            r.ExpectSame("from a missing path (ENOENT)", r.Sync("Probe_move_mount", -100, missing, -100, target, 0),
                await r.Async(("from_dirfd", -100), ("from_pathname", missing), ("to_dirfd", -100), ("to_pathname", target), ("flags", 0u)));
        },
        ["q.quotactl_nullable_special"] = async r =>
        {
            const int SyncUser = unchecked((int)0x80000100), GetQuotaUser = unchecked((int)0x80000700);
            r.ExpectSame("Q_SYNC of every file system (a null special)", r.Sync("Probe_quotactl", SyncUser, null, 0), await r.Async(("cmd", SyncUser), ("special", null), ("id", 0), ("addr", (nint)0)));
            r.ExpectSame("Q_GETQUOTA on a missing device (ENOENT)", r.Sync("Probe_quotactl", GetQuotaUser, "/dev/h16-missing", 0),
                await r.Async(("cmd", GetQuotaUser), ("special", "/dev/h16-missing"), ("id", 0), ("addr", (nint)0)));
        },
        ["aio.io_setup_out_context"] = async r =>
        {
            if (!LibaioLoads(r))
            {
                return;
            }

            VariantOutcome outcome = await r.Async(("maxevents", 4));
            r.ExpectSame("an AIO context for 4 events", r.Sync("Probe_io_setup", 4), outcome);
            if (outcome.Other is null && outcome.Errno is null && HeldOutRun.Member(outcome.Result, "ctxp") is long ctx and not 0)
            {
                r.ExpectSame("the context the variant returned is the caller's to destroy", 0, new VariantOutcome(null, r.Sync("Probe_io_destroy", ctx), null, null));
            }
            else
            {
                r.Row.Problems.Add("the variant returned no context to destroy (" + outcome + ")");
            }

            r.ExpectSame("-1 events (EINVAL)", r.Sync("Probe_io_setup", -1), await r.Async(("maxevents", -1)));
        },
        ["aio.io_destroy_negative_errno"] = async r =>
        {
            if (!LibaioLoads(r))
            {
                return;
            }

            long a = r.Sync("Probe_io_setup_context", 4), b = r.Sync("Probe_io_setup_context", 4);
            r.ExpectSame("io_destroy of a context the run made", r.Sync("Probe_io_destroy", a), await r.Async(("ctx", (nint)b)));
            r.ExpectSame("context 0 (EINVAL)", r.Sync("Probe_io_destroy", 0L), await r.Async(("ctx", (nint)0)));
        },
    };

    /// <summary>
    /// libaio is a package of its own (libaio1), not part of every machine: without it both the wrapper and the variant throw
    /// DllNotFoundException, which says nothing about the generator, so the run says it was not done.
    /// </summary>
    private static bool LibaioLoads(HeldOutRun r)
    {
        if (System.Runtime.InteropServices.NativeLibrary.TryLoad("libaio.so.1", out nint handle))
        {
            System.Runtime.InteropServices.NativeLibrary.Free(handle);
            return true;
        }

        r.Row.Runs.Add("NOT RUN: libaio.so.1 is not installed on this machine");
        r.Row.Notes.Add("end-to-end run not done: libaio.so.1 is not installed on this machine");
        return false;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> LibraryStateRuns() => new()
    {
        ["dl.dlerror_nint"] = r =>
        {
            // Bind the imports first: the first call of a [DllImport] resolves it with dlsym, which clears the thread's dlerror
            // state (the first run's sync side read nothing for that reason).
            r.Sync("Probe_dlerror_is_set");
            r.Sync("Probe_fail_dlopen", MissingLibrary);
            long sync = OnOwnThread(r, _ => { r.Sync("Probe_fail_dlopen", MissingLibrary); return r.Sync("Probe_dlerror_is_set"); });
            VariantOutcome variant = OnOwnThread(r, _ => { r.Sync("Probe_fail_dlopen", MissingLibrary); return IsSet(r.Async().GetAwaiter().GetResult()); });
            r.ExpectSame("dlerror after a failed dlopen on the same thread (1: a message)", sync, variant);
            return Task.CompletedTask;
        },
        ["dl.last_error_string_ordinary"] = r =>
        {
            r.Sync("Probe_last_error_is_set");
            r.Sync("Probe_fail_dlopen", MissingLibrary);
            long sync = OnOwnThread(r, _ => { r.Sync("Probe_fail_dlopen", MissingLibrary); return r.Sync("Probe_last_error_is_set"); });
            VariantOutcome variant = OnOwnThread(r, _ => { r.Sync("Probe_fail_dlopen", MissingLibrary); return IsSet(r.Async().GetAwaiter().GetResult()); });
            r.ExpectSame("the dlerror message after a failed dlopen on the same thread (1: a message)", sync, variant);
            return Task.CompletedTask;
        },
        ["dl.dlopen_null_and_errno"] = async r =>
        {
            long sync = OnOwnThread(r, _ => r.Sync("Probe_dlopen", MissingLibrary) == 0 ? r.Sync("Probe_dlerror_is_set") : -1);
            long variant = OnOwnThread(r, _ =>
            {
                r.Async(("file", MissingLibrary), ("mode", 2)).GetAwaiter().GetResult();
                return r.Sync("Probe_dlerror_is_set");
            });
            r.ExpectSame("a missing library, then dlerror on the calling thread (1: the message is there)", sync, new VariantOutcome(null, variant, null, null));
            r.ExpectSame("libc.so.6, already loaded (the same handle)", r.Sync("Probe_dlopen", "libc.so.6"), await r.Async(("file", "libc.so.6"), ("mode", 2)));
        },
        ["dl.load_with_message_ordinary"] = async r =>
        {
            // The body's dlerror import must be bound before either side runs: the first call of a [DllImport] resolves it with
            // dlsym, which clears the thread's dlerror state between the body's dlopen and its dlerror (in the second run the
            // variant made the process's first call, and read nothing; the wrapper itself would have, on any thread).
            r.CallStatic("HeldOut.LibraryState.LibraryStateProbes", "Probe_load_message", MissingLibrary);
            VariantOutcome missing = await r.Async(("path", MissingLibrary), ("mode", 2));
            r.ExpectSame("a missing library (NULL)", r.Sync("Probe_load", MissingLibrary), missing);
            ExpectSameText(r, "its message", (string?)r.CallStatic("HeldOut.LibraryState.LibraryStateProbes", "Probe_load_message", MissingLibrary) ?? "(null)", StringMember(missing, "error"));
            r.ExpectSame("libc.so.6 (the same handle)", r.Sync("Probe_load", "libc.so.6"), await r.Async(("path", "libc.so.6"), ("mode", 2)));
        },
        ["dl.symbol_or_throw_ordinary"] = async r =>
        {
            long libc = r.Sync("Probe_dlopen_raw", "libc.so.6");
            r.ExpectSame("getpid in libc (the same address)", r.Sync("Probe_symbol", libc, "getpid"), await r.Async(("handle", (nint)libc), ("name", "getpid")));
            VariantOutcome missing = await r.Async(("handle", (nint)libc), ("name", "h16_no_such_symbol"));
            long sync = r.Sync("Probe_symbol", libc, "h16_no_such_symbol");
            r.Row.Runs.Add("a missing symbol: sync " + (sync == -1 ? "threw EntryPointNotFoundException" : "returned " + sync) + ", async " + missing);
            if (sync != -1 || missing.Other is not EntryPointNotFoundException)
            {
                r.Row.Problems.Add("a missing symbol: the variant " + missing + " where the sync wrapper threw EntryPointNotFoundException");
            }

            r.Sync("Probe_dlclose", libc);
        },
        ["se.strerror_nint"] = async r =>
        {
            foreach (int errnum in new[] { 2, 1234 })
            {
                VariantOutcome outcome = await r.Async(("errnum", errnum));
                string variant = outcome.Other is null && outcome.Errno is null && outcome.Number is long p and not 0
                    ? System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint)p) ?? "(null)" : outcome.ToString();
                ExpectSameText(r, "strerror(" + errnum + "), read after the await", (string)r.CallStatic("HeldOut.LibraryState.LibraryStateProbes", "Probe_strerror_text", errnum)!, variant);
            }
        },
        ["se.strerror_copied_ordinary"] = async r =>
        {
            foreach (int errnum in new[] { 2, 1234 })
            {
                ExpectSameText(r, "strerror(" + errnum + ") copied", (string)r.CallStatic("HeldOut.LibraryState.LibraryStateProbes", "Probe_error_text", errnum)!,
                    StringResult(await r.Async(("errnum", errnum))));
            }
        },
        ["se.strerror_r_gnu_libraryimport"] = async r =>
        {
            r.ExpectSame("ENOENT (a pointer to the library's own string)", r.Sync("Probe_strerror_r_gnu", 2, new byte[64]), await r.Async(("errnum", 2), ("buf", new byte[64]), ("buflen", (nuint)64)));
            byte[] a = new byte[64], b = new byte[64];
            r.Sync("Probe_strerror_r_gnu", 1234, a);
            VariantOutcome unknown = await r.Async(("errnum", 1234), ("buf", b), ("buflen", (nuint)64));
            r.Row.Runs.Add("an unknown number: async " + unknown);
            r.ExpectBytes("an unknown number, written into the buffer", a, b);
        },
        ["se.strerror_r_xsi_error_number"] = async r =>
        {
            byte[] a = new byte[64], b = new byte[64];
            r.ExpectSame("ENOENT into 64 bytes", r.Sync("Probe_strerror_r", 2, a), await r.Async(("errnum", 2), ("buf", b), ("buflen", (nuint)64)));
            r.ExpectBytes("the message", a, b);
            r.ExpectSame("ENOENT into 4 bytes (ERANGE)", r.Sync("Probe_strerror_r", 2, new byte[4]), await r.Async(("errnum", 2), ("buf", new byte[4]), ("buflen", (nuint)4)));
        },
        ["ic.iconv_open_minus_one"] = async r =>
        {
            VariantOutcome opened = await r.Async(("tocode", "UTF-8"), ("fromcode", "ISO-8859-1"));
            r.ExpectSame("UTF-8 from ISO-8859-1 (a handle)", r.Sync("Probe_iconv_open", "UTF-8", "ISO-8859-1"), opened.Other is null && opened.Errno is null && opened.Number is not null and not -1 ? opened with { Number = 0 } : opened);
            if (opened.Number is long cd and not -1)
            {
                r.Sync("Probe_iconv_close", cd);
            }

            r.ExpectSame("an unknown encoding (EINVAL)", r.Sync("Probe_iconv_open", "H16-NOPE", "UTF-8"), await r.Async(("tocode", "H16-NOPE"), ("fromcode", "UTF-8")));
        },
        ["ic.convert_instance"] = async r =>
        {
            long a = r.Sync("Probe_iconv_open_handle", "UTF-8", "ISO-8859-1"), b = r.Sync("Probe_iconv_open_handle", "UTF-8", "ISO-8859-1");
            long c = r.Sync("Probe_iconv_open_handle", "ISO-8859-1", "UTF-8"), d = r.Sync("Probe_iconv_open_handle", "ISO-8859-1", "UTF-8");
            try
            {
                byte[] input = { (byte)'c', (byte)'a', (byte)'f', 0xE9 };
                byte[] sa = new byte[16], sb = new byte[16];
                r.ExpectSame("café from ISO-8859-1 to UTF-8 (5 bytes)", r.Sync("Probe_convert", a, input, sa),
                    await r.AsyncOn(r.NewObject("HeldOut.LibraryState.Converter", (nint)b), ("input", input), ("output", sb)));
                r.ExpectBytes("the converted bytes", sa, sb);
                byte[] invalid = { 0xFF, 0x41 };
                r.ExpectSame("an invalid UTF-8 byte (EILSEQ)", r.Sync("Probe_convert", c, invalid, new byte[16]),
                    await r.AsyncOn(r.NewObject("HeldOut.LibraryState.Converter", (nint)d), ("input", invalid), ("output", new byte[16])));
            }
            finally
            {
                foreach (long cd in new[] { a, b, c, d })
                {
                    r.Sync("Probe_iconv_close", cd);
                }
            }
        },
        ["cr.crypt_static_nint"] = async r =>
        {
            VariantOutcome outcome = await r.Async(("phrase", "h16-secret"), ("setting", "$6$h16salt$"));
            string variant = outcome.Other is null && outcome.Errno is null && outcome.Number is long p and not 0
                ? System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint)p) ?? "(null)" : outcome.ToString();
            ExpectSameText(r, "a SHA-512 crypt, read after the await", (string?)r.CallStatic("HeldOut.LibraryState.LibraryStateProbes", "Probe_crypt_text", "h16-secret", "$6$h16salt$") ?? "(null)", variant);
        },
        ["cr.crypt_r_copied_ordinary"] = async r =>
        {
            ExpectSameText(r, "a SHA-512 crypt_r, copied", (string?)r.CallStatic("HeldOut.LibraryState.LibraryStateProbes", "Probe_hash", "h16-secret", "$6$h16salt$") ?? "(null)",
                StringResult(await r.Async(("phrase", "h16-secret"), ("setting", "$6$h16salt$"))));
            ExpectSameText(r, "an unknown method", (string?)r.CallStatic("HeldOut.LibraryState.LibraryStateProbes", "Probe_hash", "h16-secret", "$h16$") ?? "(null)",
                StringResult(await r.Async(("phrase", "h16-secret"), ("setting", "$h16$"))));
        },
    };

    private static (string, object?)[] AddKey(string type, string description, byte[] payload, int keyring) =>
        new (string, object?)[] { ("type", type), ("description", description), ("payload", payload), ("plen", (nuint)payload.Length), ("keyring", keyring) };

    private static (string, object?)[] Keyctl(int operation, nuint arg2) =>
        new (string, object?)[] { ("operation", operation), ("arg2", arg2), ("arg3", (nuint)0), ("arg4", (nuint)0), ("arg5", (nuint)0) };

    private static (string, object?)[] Exec(string path) =>
        new (string, object?)[] { ("pathname", path), ("argv", new string?[] { path, null }), ("envp", new string?[] { null }) };

    private static (string, object?)[] Fsconfig(int fd, int cmd, string? key, string? value) =>
        new (string, object?)[] { ("fd", fd), ("cmd", (uint)cmd), ("key", key), ("value", value), ("aux", 0) };

    private static byte[] ArrayMapAttr(uint mapType, uint keySize, uint valueSize, uint maxEntries)
    {
        byte[] attr = new byte[64];
        BitConverter.TryWriteBytes(attr.AsSpan(0), mapType);
        BitConverter.TryWriteBytes(attr.AsSpan(4), keySize);
        BitConverter.TryWriteBytes(attr.AsSpan(8), valueSize);
        BitConverter.TryWriteBytes(attr.AsSpan(12), maxEntries);
        return attr;
    }

    /// <summary>A keyring under the user keyring for the run's keys, unlinked (and so destroyed) when the run ends.</summary>
    private static async Task WithKeyring(HeldOutRun r, string name, Func<int, Task> body)
    {
        long ring = r.Sync("Probe_new_user_keyring", name);
        if (ring < 0)
        {
            throw new InvalidOperationException(r.Row.Case.Id + ": the run could not make a keyring (" + AsyncSys.Errno.NameOf((int)-ring) + ")");
        }

        try
        {
            await body((int)ring);
        }
        finally
        {
            r.Sync("Probe_unlink_key", (int)ring, -4);
        }
    }

    private static async Task WithMap(HeldOutRun r, Func<int, Task> body)
    {
        int map = (int)r.Sync("Probe_bpf_create_array", 4, 8, 4);
        if (map < 0)
        {
            throw new InvalidOperationException(r.Row.Case.Id + ": the run could not make a bpf map (" + AsyncSys.Errno.NameOf(-map) + ")");
        }

        try
        {
            await body(map);
        }
        finally
        {
            r.Sync("Probe_close", map);
        }
    }

    private static async Task WithUffd(HeldOutRun r, Func<int, Task> body)
    {
        int uffd = (int)r.Sync("Probe_userfaultfd", OCloexecNonblockUserMode);
        if (uffd < 0)
        {
            throw new InvalidOperationException(r.Row.Case.Id + ": the run could not make a userfaultfd (" + AsyncSys.Errno.NameOf(-uffd) + ")");
        }

        try
        {
            await body(uffd);
        }
        finally
        {
            r.Sync("Probe_close", uffd);
        }
    }

    private static async Task WithFsContext(HeldOutRun r, Func<int, Task> body)
    {
        int fd = (int)r.Sync("Probe_fsopen", "tmpfs", 1);
        if (fd < 0)
        {
            throw new InvalidOperationException(r.Row.Case.Id + ": the run could not open an fs context (" + AsyncSys.Errno.NameOf(-fd) + ")");
        }

        try
        {
            await body(fd);
        }
        finally
        {
            r.Sync("Probe_close", fd);
        }
    }

    /// <summary>A call that makes a new object: a descriptor on both sides (each closed), or the same failure.</summary>
    private static void ExpectDescriptor(HeldOutRun r, string what, long sync, VariantOutcome variant)
    {
        long? made = variant.Other is null && variant.Errno is null ? variant.Number : null;
        r.Row.Runs.Add(what + ": sync " + sync + ", async " + variant);
        if (sync >= 0)
        {
            r.Sync("Probe_close", (int)sync);
        }

        // A wrong variant's 0, 1 or 2 is the test host's standard stream, never closed here.
        if (made is long fd && fd > 2)
        {
            r.Sync("Probe_close", (int)fd);
        }

        if (sync >= 0 ? made is not > 2 : variant.Normalized != sync)
        {
            r.Row.Problems.Add(what + ": the variant " + variant + " where the sync wrapper " + (sync >= 0 ? "returned a descriptor" : "failed with " + AsyncSys.Errno.NameOf((int)-sync)));
        }
    }

    private static VariantOutcome IsSet(VariantOutcome outcome) =>
        outcome.Other is not null || outcome.Errno is not null ? outcome
        : outcome with { Number = outcome.Result is string || (outcome.Number is long n && n != 0) ? 1 : 0 };

    private static string StringResult(VariantOutcome outcome) =>
        outcome.Other is null && outcome.Errno is null ? outcome.Result as string ?? "(null)" : outcome.ToString();

    private static string StringMember(VariantOutcome outcome, string name)
    {
        if (outcome.Other is not null || outcome.Errno is not null || outcome.Result is null)
        {
            return outcome.ToString();
        }

        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.IgnoreCase;
        Type type = outcome.Result.GetType();
        object? value = type.GetField(name, flags)?.GetValue(outcome.Result) ?? type.GetProperty(name, flags)?.GetValue(outcome.Result);
        return value as string ?? "(null)";
    }
}
