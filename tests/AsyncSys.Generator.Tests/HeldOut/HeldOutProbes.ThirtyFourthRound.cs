namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the thirty-fourth blind round (SystemLibs.case, AppLibs.case), written with the case files before the
/// generator was run on them. Same convention: the call's result, or -errno where the call reports errno (a library's own
/// negative code, NLE_* or ARCHIVE_*, is returned as it is). Each side makes and frees its own library objects (an sd_event, a
/// journal opened on the run's own empty directory, a netlink socket never connected, a udev and a kmod context, an archive
/// reader of the run's own file); nothing is loaded into a thread (seccomp_load is never called) and no bus is connected.
/// </summary>
internal static partial class HeldOutProbes
{
    public const string SystemLibs = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.SystemLibs
        {
            public static unsafe class SystemLibsProbes
            {
                public static long Probe_sys_bpf_lookup(int fd, byte[] key, byte[] value) => Bpf.MapLookupElem(fd, key, value);

                /// <summary>A descriptor (closed here: the run only compares whether one came), or -errno.</summary>
                public static long Probe_sys_bpf_obj_get(string pathname)
                {
                    int r = Bpf.ObjGet(pathname);
                    if (r < 0)
                    {
                        return -Marshal.GetLastPInvokeError();
                    }

                    close(r);
                    return 0;
                }

                [DllImport("libc")] private static extern int close(int fd);

                public static long Probe_sys_bus_call(long bus)
                {
                    int r = SystemD.BusCallMethod((nint)bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "GetId", 0, out nint reply, null);
                    return reply != 0 ? 1_000_000 + r : r;
                }

                public static long Probe_sys_event_run(long e, long usec) => SystemD.EventRun((nint)e, (ulong)usec);

                public static long Probe_sys_journal_next(long j) => SystemD.JournalNext((nint)j);

                public static long Probe_sys_nl_recv(long sk) => Netlink.RecvMsgsDefault((nint)sk);

                public static long Probe_sys_nl_send(long sk, long msg) => Netlink.SendAuto((nint)sk, (nint)msg);

                /// <summary>1 for a device (unreferenced here), or -errno.</summary>
                public static long Probe_sys_udev_syspath(long udev, string syspath)
                {
                    nint d = Devices.DeviceNewFromSyspath((nint)udev, syspath);
                    if (d == 0)
                    {
                        return -Marshal.GetLastPInvokeError();
                    }

                    SystemLibsNative.udev_device_unref(d);
                    return 1;
                }

                /// <summary>The result, plus 1000000 when a module object came back (unreferenced here).</summary>
                public static long Probe_sys_kmod(long ctx, string name)
                {
                    int r = Devices.ModuleNewFromName((nint)ctx, name, out nint mod);
                    if (mod != 0)
                    {
                        SystemLibsNative.kmod_module_unref(mod);
                        return 1_000_000 + r;
                    }

                    return r;
                }

                public static long EventNew() => SystemLibsNative.sd_event_new(out nint e) < 0 ? 0 : e;
                public static void EventUnref(long e) => SystemLibsNative.sd_event_unref((nint)e);
                public static long JournalOpen(string directory) => SystemLibsNative.sd_journal_open_directory(out nint j, directory, 0) < 0 ? 0 : j;
                public static void JournalClose(long j) => SystemLibsNative.sd_journal_close((nint)j);
                public static long NlAlloc() => SystemLibsNative.nl_socket_alloc();
                public static void NlFree(long sk) => SystemLibsNative.nl_socket_free((nint)sk);
                public static long MsgAlloc() => SystemLibsNative.nlmsg_alloc_simple(16, 0);
                public static void MsgFree(long msg) => SystemLibsNative.nlmsg_free((nint)msg);
                public static long UdevNew() => SystemLibsNative.udev_new();
                public static void UdevUnref(long udev) => SystemLibsNative.udev_unref((nint)udev);
                public static void DeviceUnref(long device) => SystemLibsNative.udev_device_unref((nint)device);
                public static long KmodNew() => SystemLibsNative.kmod_new(0, 0);
                public static void KmodUnref(long ctx) => SystemLibsNative.kmod_unref((nint)ctx);
                public static void ModuleUnref(long mod) => SystemLibsNative.kmod_module_unref((nint)mod);
            }
        }
        """;

    public const string AppLibs = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.AppLibs
        {
            public static unsafe class AppLibsProbes
            {
                public static long Probe_app_archive_read(long a, byte[] buff, long len) => Archive.ReadData((nint)a, buff, (nuint)len);

                /// <summary>An archive reader of the raw format (any file is one entry), opened on the file; at its header when asked.</summary>
                public static long ArchiveOpen(string path, bool header)
                {
                    nint a = ArchiveNative.archive_read_new();
                    if (a == 0 || ArchiveNative.archive_read_support_format_raw(a) != 0 || ArchiveNative.archive_read_support_filter_none(a) != 0
                        || ArchiveNative.archive_read_open_filename(a, path, 10240) != 0
                        || (header && ArchiveNative.archive_read_next_header(a, out _) != 0))
                    {
                        throw new InvalidOperationException("libarchive could not open " + path + "; the run is wrong");
                    }

                    return a;
                }

                public static void ArchiveFree(long a) => ArchiveNative.archive_read_free((nint)a);
            }
        }
        """;
}
