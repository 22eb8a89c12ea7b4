namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the thirty-first blind round (ClientLibs.case, Media.case), written with the case files before the
/// generator was run on them. Same convention: the call's result, or -errno. No network: curl handles with no URL or a file://
/// URL that does not exist, libpq connections to a Unix socket directory with no server (the run's own directory), glibc's
/// account lookups of "root" and of a name no account has. Device calls meet pipes and regular files (ENOTTY) and a descriptor
/// that is not open (EBADF); no device file is opened.
/// </summary>
internal static partial class HeldOutProbes
{
    public const string ClientLibs = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.ClientLibs
        {
            public static unsafe class ClientLibsProbes
            {
                [DllImport("libcurl.so.4", EntryPoint = "curl_easy_init")] private static extern nint curl_init_for_runs();
                [DllImport("libcurl.so.4", EntryPoint = "curl_easy_cleanup")] private static extern void curl_cleanup_for_runs(nint curl);
                [DllImport("libcurl.so.4", EntryPoint = "curl_easy_setopt")] private static extern int curl_setopt_text_for_runs(nint curl, int option, [MarshalAs(UnmanagedType.LPUTF8Str)] string value);
                [DllImport("libpq.so.5", EntryPoint = "PQstatus")] private static extern int pq_status_for_runs(nint conn);
                [DllImport("libpq.so.5", EntryPoint = "PQerrorMessage")] private static extern nint pq_error_for_runs(nint conn);
                [DllImport("libpq.so.5", EntryPoint = "PQfinish")] private static extern void pq_finish_for_runs(nint conn);
                [DllImport("libpq.so.5", EntryPoint = "PQclear")] private static extern void pq_clear_for_runs(nint res);

                [DllImport("libcurl.so.4", EntryPoint = "curl_easy_setopt")] private static extern int curl_setopt_long_for_runs(nint curl, int option, long value);

                /// <summary>
                /// A handle with CURLOPT_NOSIGNAL (99) set: without it a transfer sets SIGPIPE's disposition to SIG_IGN and back
                /// around its work, a process-wide setting the parallel test host must not have changed (already SIG_IGN in .NET).
                /// </summary>
                public static long CurlInit()
                {
                    nint curl = curl_init_for_runs();
                    if (curl != 0 && curl_setopt_long_for_runs(curl, 99, 1) != 0)
                    {
                        curl_cleanup_for_runs(curl);
                        return 0;
                    }

                    return curl;
                }
                public static void CurlCleanup(long curl) => curl_cleanup_for_runs((nint)curl);
                public static long CurlSetUrl(long curl, string url) => curl_setopt_text_for_runs((nint)curl, 10002, url);
                public static long Alloc(int bytes) { nint p = Marshal.AllocHGlobal(bytes); new Span<byte>((void*)p, bytes).Clear(); return p; }
                public static void Free(long p) => Marshal.FreeHGlobal((nint)p);
                public static string Text(long p) => p == 0 ? "(null)" : Marshal.PtrToStringUTF8((nint)p) ?? "(null)";
                public static long PqStatus(long conn) => pq_status_for_runs((nint)conn);
                public static string PqMessage(long conn) => Text(pq_error_for_runs((nint)conn));
                public static void PqFinish(long conn) => pq_finish_for_runs((nint)conn);
                public static void PqClear(long res) => pq_clear_for_runs((nint)res);

                public static long Probe_perform(long curl) => (long)CurlEasy.curl_easy_perform((nint)curl);
                public static long Probe_set_error_buffer(long curl, long buffer) => (long)CurlEasy.SetErrorBuffer((nint)curl, 10010, (nint)buffer);
                public static string StrerrorText(int code) => Text(CurlEasy.curl_easy_strerror((CurlCode)code));
                public static long Probe_getinfo_long(long curl, int info, out long value) => (long)CurlEasy.GetInfoLong((nint)curl, info, out value);
                public static string GetInfoText(long curl, int info)
                {
                    CurlCode code = CurlEasy.GetInfoText((nint)curl, info, out nint text);
                    return (int)code + " " + Text(text);
                }

                public static long Probe_pq_exec(long conn, string query) => LibPq.PQexec((nint)conn, query);

                /// <summary>GroupName into a pinned buffer: its result; the name's offset inside the buffer (-1 when none).</summary>
                public static long Probe_group_name(string group, byte[] buffer, out long offset)
                {
                    fixed (byte* p = buffer)
                    {
                        int rc = Accounts.GroupName(group, buffer, out nint name);
                        offset = name == 0 ? -1 : (long)(name - (nint)p);
                        return rc;
                    }
                }
            }
        }
        """;

    public const string ClientLibsLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.ClientLibs
        {
            public static unsafe class ClientLibsLibraryImportProbes
            {
                public static string VersionText() => Marshal.PtrToStringUTF8(CurlEasyImports.Version()) ?? "(null)";

                public static long Probe_getinfo_double(long curl, int info, out long value)
                {
                    double d;
                    long rc = (long)CurlEasyImports.GetInfoDouble((nint)curl, info, &d);
                    value = (long)d;
                    return rc;
                }

                public static long ConnectForRuns(string conninfo) => LibPq.Connect(conninfo);

                /// <summary>getpwnam_r: its result; uid, gid; whether *result is the struct passed (1), NULL (0) or else (-1).</summary>
                public static long Probe_getpwnam(string name, byte[] buf, out long uid, out long gid, out long found)
                {
                    byte[] bytes = System.Text.Encoding.UTF8.GetBytes(name + "\0");
                    Passwd pwd = default;
                    Passwd* result = null;
                    int rc;
                    fixed (byte* n = bytes)
                    fixed (byte* b = buf)
                    {
                        rc = Accounts.GetPwNam(n, &pwd, b, (nuint)buf.Length, &result);
                    }

                    uid = pwd.pw_uid;
                    gid = pwd.pw_gid;
                    found = result == &pwd ? 1 : result == null ? 0 : -1;
                    return rc;
                }
            }
        }
        """;

    public const string Media = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Media
        {
            public static unsafe class MediaProbes
            {
        """ + "\n" + TwentyFifthRoundHelpers + "\n" + """

                public static long NonBlockingPipeForRuns() { int* fds = stackalloc int[2]; Clear(); return pipe2_for_runs(fds, 0x80000 | 0x800) < 0 ? -Errno() : Packed(fds); }

                public static long Probe_queue(int fd, long index) { Clear(); return Check(Video.Queue(fd, (uint)index)); }
                public static long Probe_dequeue(int fd, out long index) { Clear(); long rc = Check(Video.Dequeue(fd, out V4l2Buffer b)); index = b.Index; return rc; }
                public static long Probe_queue_user(int fd, long index, byte[] frame) { Clear(); return Check(Video.QueueUserPointer(fd, (uint)index, frame)); }

                public static long Probe_get_resources(int fd)
                {
                    Clear();
                    nint res = Drm.drmModeGetResources(fd);
                    if (res == 0)
                    {
                        return -Errno();
                    }

                    Drm.drmModeFreeResources(res);
                    return 1;
                }

                public static long Probe_free_resources(long ptr) { Drm.drmModeFreeResources((nint)ptr); return 0; }
            }
        }
        """;

    public const string MediaLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Media
        {
            public static unsafe class MediaLibraryImportProbes
            {
                private static void Clear() { Marshal.SetLastPInvokeError(0); Marshal.SetLastSystemError(0); }
                private static int Errno() { int e = Marshal.GetLastPInvokeError(); return e != 0 ? e : Marshal.GetLastSystemError(); }
                private static long Check(long r) => r < 0 ? -Errno() : r;

                public static long Probe_drm_ioctl(int fd, long request, long arg) { Clear(); return Check(Drm.drmIoctl(fd, (nuint)request, (nint)arg)); }

                public static long Probe_get_name(long fd, long request, byte[] name)
                {
                    using var handle = new SafeFileHandle((nint)fd, ownsHandle: false);
                    Clear();
                    return Check(Evdev.GetName(handle, (nuint)request, name));
                }

                public static long Probe_read_events(int fd, InputEvent[] events, long count)
                {
                    Clear();
                    fixed (InputEvent* p = events) { return Check(Evdev.ReadEvents(fd, p, (nuint)count)); }
                }
            }
        }
        """;
}
