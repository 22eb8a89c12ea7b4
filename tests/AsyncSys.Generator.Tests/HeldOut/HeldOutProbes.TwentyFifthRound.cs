namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the twenty-fifth blind round (Input.case, Events.case), written with the case files before the
/// generator was run on them. Same convention: the call's result, or -errno. Every descriptor is the run's own: pipes,
/// eventfds, timerfds, a signalfd for SIGUSR2 (made, never sent; making one changes no mask), inotify instances watching the
/// run's directory, pty masters opened with O_NOCTTY. Device ioctls meet pipes (ENOTTY) and closed descriptors (EBADF); no
/// device file is opened.
/// </summary>
internal static partial class HeldOutProbes
{
    private const string TwentyFifthRoundHelpers = """
                [DllImport("libc", EntryPoint = "close", SetLastError = true)] private static extern int close_for_runs(int fd);
                [DllImport("libc", EntryPoint = "pipe2", SetLastError = true)] private static extern int pipe2_for_runs(int* fds, int flags);
                [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)] private static extern int fcntl_for_runs(int fd, int cmd, int arg);
                [DllImport("libc", EntryPoint = "read", SetLastError = true)] private static extern nint read_for_runs(int fd, byte* buf, nuint count);
                [DllImport("libc", EntryPoint = "write", SetLastError = true)] private static extern nint write_for_runs(int fd, byte* buf, nuint count);
                [DllImport("libc", EntryPoint = "eventfd", SetLastError = true)] private static extern int eventfd_for_runs(uint initval, int flags);
                [DllImport("libc", EntryPoint = "timerfd_create", SetLastError = true)] private static extern int timerfd_create_for_runs(int clock, int flags);
                [DllImport("libc", EntryPoint = "signalfd", SetLastError = true)] private static extern int signalfd_for_runs(int fd, ulong* mask, int flags);
                [DllImport("libc", EntryPoint = "inotify_init1", SetLastError = true)] private static extern int inotify_init1_for_runs(int flags);
                [DllImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true)] private static extern int inotify_add_watch_for_runs(int fd, string path, uint mask);
                [DllImport("libc", EntryPoint = "posix_openpt", SetLastError = true)] private static extern int posix_openpt_for_runs(int flags);

                private static void Clear() { Marshal.SetLastPInvokeError(0); Marshal.SetLastSystemError(0); }
                private static int Errno() { int e = Marshal.GetLastPInvokeError(); return e != 0 ? e : Marshal.GetLastSystemError(); }
                private static long Check(long r) => r < 0 ? -Errno() : r;
                private static long Packed(int* two) => (uint)two[0] | ((long)two[1] << 32);

                public static long Probe_close(int fd) { Clear(); return Check(close_for_runs(fd)); }
                public static long PipeForRuns() { int* fds = stackalloc int[2]; Clear(); return pipe2_for_runs(fds, 0x80000) < 0 ? -Errno() : Packed(fds); }
                public static long EventfdForRuns(uint initval) { Clear(); return Check(eventfd_for_runs(initval, 0x80000)); }
                public static long TimerfdForRuns(int flags) { Clear(); return Check(timerfd_create_for_runs(1, 0x80000 | flags)); }
                public static long SignalfdForRuns() { ulong mask = 1UL << (12 - 1); Clear(); return Check(signalfd_for_runs(-1, &mask, 0x80000 | 0x800)); }
                public static long InotifyForRuns() { Clear(); return Check(inotify_init1_for_runs(0x80000 | 0x800)); }
                public static long WatchForRuns(int fd, string path) { Clear(); return Check(inotify_add_watch_for_runs(fd, path, 0x100)); }
                public static long PtyForRuns() { Clear(); return Check(posix_openpt_for_runs(2 | 0x100 | 0x80000)); }
                public static long WriteBytes(int fd, byte[] data) { Clear(); fixed (byte* p = data) { return Check(write_for_runs(fd, p, (nuint)data.Length)); } }

                /// <summary>What can be read now without waiting: hex, or "E" and the errno.</summary>
                public static string ReadNow(int fd, int max)
                {
                    byte[] buffer = new byte[max];
                    int flags = fcntl_for_runs(fd, 3, 0);
                    fcntl_for_runs(fd, 4, flags | 0x800);
                    Clear();
                    nint n;
                    fixed (byte* p = buffer) { n = read_for_runs(fd, p, (nuint)max); }
                    int e = Errno();
                    fcntl_for_runs(fd, 4, flags);
                    return n < 0 ? "E" + e : Convert.ToHexString(buffer, 0, (int)n);
                }

                /// <summary>The bytes of an array of unmanaged structs, as hex.</summary>
                public static string ArrayHex(Array array)
                {
                    GCHandle pin = GCHandle.Alloc(array, GCHandleType.Pinned);
                    try { return Convert.ToHexString(new ReadOnlySpan<byte>((void*)pin.AddrOfPinnedObject(), Marshal.SizeOf(array.GetType().GetElementType()!) * array.Length)); }
                    finally { pin.Free(); }
                }

                /// <summary>Deterministic bytes, as whole records of an input device would be.</summary>
                public static byte[] Pattern(int bytes, int seed)
                {
                    byte[] data = new byte[bytes];
                    for (int i = 0; i < bytes; i++) { data[i] = (byte)(seed + i * 7); }
                    return data;
                }

                public static long Alloc(int bytes) { nint p = Marshal.AllocHGlobal(bytes); new Span<byte>((void*)p, bytes).Clear(); return p; }
                public static void Free(long p) => Marshal.FreeHGlobal((nint)p);
                public static string Hex(long p, int bytes) => Convert.ToHexString(new ReadOnlySpan<byte>((void*)p, bytes));
        """;

    public const string Input = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Input
        {
            public static unsafe class InputProbes
            {
        """ + "\n" + TwentyFifthRoundHelpers + "\n" + """

                public static InputEvent[] EventArray(int count, int seed)
                {
                    InputEvent[] events = new InputEvent[count];
                    byte[] data = Pattern(count * sizeof(InputEvent), seed);
                    fixed (InputEvent* p = events) { data.CopyTo(new Span<byte>(p, data.Length)); }
                    return events;
                }

                public static long Probe_read_events(int fd, InputEvent[] events, long count) { Clear(); return Check(Evdev.ReadEvents(fd, events, (nuint)count)); }
                public static long Probe_read_one(int fd, long count, out long code, out long value)
                {
                    Clear();
                    long r = Check(Evdev.ReadEvent(fd, out InputEvent ev, (nuint)count));
                    code = ev.Code;
                    value = ev.Value;
                    return r;
                }

                public static long Probe_read_span(int fd, InputEvent[] events) { Clear(); return Check(Evdev.ReadEventSpan(new SafeFileHandle(fd, false), events)); }
                public static long Probe_get_name(int fd, uint request, byte[] name) { Clear(); return Check(Evdev.GetName(fd, request, name)); }
                public static long Probe_device_name(int fd) { Clear(); return Check(Evdev.GetDeviceName(fd, out _)); }
                public static long Probe_event_bits(int fd, int type, byte[] bits) { Clear(); return Check(Evdev.GetEventBits(fd, type, bits)); }
                public static long Probe_grab(int fd, uint request, int grab) { Clear(); return Check(Evdev.Grab(fd, request, grab)); }
                public static long Probe_write_events(int fd, InputEvent[] events, long count) { Clear(); return Check(Uinput.WriteEvents(fd, events, (nuint)count)); }
                public static long Probe_emit(int fd, InputEvent[] events) { Clear(); return Check(Uinput.Emit(fd, events)); }
                public static long Probe_setup(int fd, uint request, long setup) { Clear(); return Check(Uinput.Setup(fd, request, (nint)setup)); }
                public static long Probe_set_evbit(int fd, int type) { Clear(); return Check(Uinput.SetEventBit(new SafeFileHandle(fd, false), type)); }
                public static long Probe_request_line_fd(int fd, uint[] offsets, string consumer, ulong flags) { Clear(); return Check(Devices.RequestLineFd(fd, offsets, consumer, flags)); }
                public static long Probe_chip_info(int fd, uint request, out long lines) { GpioChipInfo info = default; Clear(); long r = Check(Devices.GetChipInfo(fd, request, &info)); lines = info.Lines; return r; }
                public static long Probe_get_feature(int fd, uint request, byte[] report) { Clear(); return Check(Devices.GetFeature(fd, request, report)); }
                public static long Probe_raw_info(int fd, uint request, out long busType) { Clear(); long r = Check(Devices.GetRawInfo(fd, request, out HidrawDevinfo info)); busType = info.BusType; return r; }
                public static long Probe_dequeue_index(int fd, uint type, uint memory) => Devices.DequeueOrEmpty(fd, type, memory).Index;
                public static long Probe_read_js(int fd, JsEvent[] events, long count) { Clear(); return Check(Devices.ReadJs(fd, events, (nuint)count)); }
            }
        }
        """;

    public const string InputLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Input
        {
            public static unsafe class InputLibraryImportProbes
            {
                private static void Clear() => Marshal.SetLastPInvokeError(0);
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_get_id(int fd, uint request, out long busType) { Clear(); long r = Check(Evdev.GetId(new SafeFileHandle(fd, false), request, out InputId id)); busType = id.BusType; return r; }
                public static long Probe_query_cap(int fd, uint request, out long version) { Clear(); long r = Check(Devices.QueryCapability(new SafeFileHandle(fd, false), request, out V4l2Capability cap)); version = cap.Version; return r; }
            }
        }
        """;

    public const string Events = """
        using System;
        using System.Reflection;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Events
        {
            public static unsafe class EventsProbes
            {
        """ + "\n" + TwentyFifthRoundHelpers + "\n" + """

                public static Itimerspec[] Timer(long intervalSeconds, long valueSeconds, long valueNanoseconds)
                {
                    Itimerspec t = default;
                    t.Interval.Seconds = intervalSeconds;
                    t.Value.Seconds = valueSeconds;
                    t.Value.Nanoseconds = valueNanoseconds;
                    return new[] { t };
                }

                public static long TimerAt(long intervalSeconds, long valueSeconds)
                {
                    long p = Alloc(sizeof(Itimerspec));
                    ((Itimerspec*)p)->Interval.Seconds = intervalSeconds;
                    ((Itimerspec*)p)->Value.Seconds = valueSeconds;
                    return p;
                }

                /// <summary>The interval of an itimerspec the variant gave back: the value, an array of one, or a member of a result.</summary>
                public static long IntervalOf(object? result)
                {
                    if (result is Itimerspec t) { return t.Interval.Seconds; }
                    if (result is Itimerspec[] a && a.Length > 0) { return a[0].Interval.Seconds; }
                    if (result is null) { return -1; }
                    foreach (PropertyInfo p in result.GetType().GetProperties())
                    {
                        if (p.PropertyType == typeof(Itimerspec)) { return ((Itimerspec)p.GetValue(result)!).Interval.Seconds; }
                    }

                    return -2;
                }

                public static PollFd[] PollSet(int first, int second)
                {
                    return new[] { new PollFd { Fd = first, Events = 1 }, new PollFd { Fd = second, Events = 1 } };
                }

                public static long Probe_set_timer_arrays(int fd, int flags, Itimerspec[] newValue, Itimerspec[] oldValue) { Clear(); return Check(Clocks.SetTimerArrays(fd, flags, newValue, oldValue)); }
                public static long Probe_read_expirations(int fd, ulong[] expirations) { Clear(); return Check(Clocks.ReadExpirations(fd, expirations)); }
                public static long Probe_read_counter(int fd, ulong[] value, long count) { Clear(); return Check(Clocks.ReadCounter(fd, value, (nuint)count)); }
                public static long Probe_read_signals(int fd, SignalfdSiginfo[] infos) { Clear(); return Check(Clocks.ReadSignals(new SafeFileHandle(fd, false), infos)); }
                public static long Probe_add_watch_bytes(int fd, byte[] path, uint mask) { Clear(); return Check(Watchers.AddWatchBytes(fd, path, mask)); }
                public static long Probe_ppoll(PollFd[] fds, long nfds, long timeout) { Clear(); return Check(Watchers.PollWithTimeout(fds, (nuint)nfds, (nint)timeout, 0)); }
                public static long Probe_open_master(int flags) { Clear(); return Check(Pty.OpenMaster(flags)); }
                public static long Probe_unlock(int fd) { Clear(); return Check(Pty.Unlock(fd)); }
                public static long Probe_slave_name(int fd, byte[] buf, long size) { Clear(); int e = Pty.SlaveName(fd, buf, (nuint)size); return e == 0 ? 0 : -e; }
                public static long Probe_get_attributes(int fd, out long cflag, out long lflag)
                {
                    Termios t = default;
                    Clear();
                    long r = Check(Pty.GetAttributes(fd, &t));
                    cflag = t.Cflag;
                    lflag = t.Lflag;
                    return r;
                }
            }
        }
        """;

    public const string EventsLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Events
        {
            public static unsafe class EventsLibraryImportProbes
            {
                private static void Clear() => Marshal.SetLastPInvokeError(0);
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_set_timer(int fd, int flags, long newValue, out long oldInterval)
                {
                    Itimerspec old = default;
                    Clear();
                    long r = Check(Clocks.SetTimer(fd, flags, (nint)newValue, &old));
                    oldInterval = old.Interval.Seconds;
                    return r;
                }

                public static long Probe_write_counter(int fd, byte[] data) { Clear(); return Check(Clocks.WriteCounter(fd, data, (nuint)data.Length)); }
                public static long Probe_read_inotify(int fd, byte[] buffer, long count) { Clear(); return Check(Watchers.ReadInotify(fd, buffer, (nuint)count)); }
                public static long Probe_poll(PollFd[] fds, long nfds, int timeout) { Clear(); return Check(Watchers.PollDevices(fds, (nuint)nfds, timeout)); }
            }
        }
        """;
}
