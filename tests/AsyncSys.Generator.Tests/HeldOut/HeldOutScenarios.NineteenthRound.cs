using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the nineteenth blind round (Devices.case, Controls.case), written with the case files, before the
/// generator was run on them. Each side has its own file, pipe, memfd, pseudo-terminal or lock, so neither sees the other's
/// effect. Nothing here changes the machine: the block-device queries run on an unbound loop device opened read-only (size 0,
/// sector 512), BLKDISCARD only on regular files (ENOTTY) and closed descriptors, LOOP_CONFIGURE only with a backing
/// descriptor that is not open (EBADF before anything), inode flags are set only to the value they have, TUNSETIFF only with
/// no device type (EINVAL, nothing made). A lock wait the sync call would not end runs only as the variant, with a token
/// cancelled after 300 ms; a [SuppressGCTransition] call is never asked to wait (a blocked cooperative thread stops every GC).
/// </summary>
internal static partial class HeldOutScenarios
{
    private const string DeviceProbes = "HeldOut.Devices.DevicesProbes";
    private const string DeviceLibraryImportProbes = "HeldOut.Devices.DevicesLibraryImportProbes";
    private const string ControlProbes = "HeldOut.Controls.ControlsProbes";
    private const string ControlLibraryImportProbes = "HeldOut.Controls.ControlsLibraryImportProbes";
    private const string LoopDevice = "/dev/loop7";
    private const ulong BlkGetSize64 = 0x80081272, BlkSszGet = 0x1268, BlkDiscard = 0x1277, FsIocGetFlags = 0x80086601, FsIocSetFlags = 0x40086602;
    private const ulong FsIocFiemap = 0xC020660B, FiClone = 0x40049409, FiCloneRange = 0x4020940D, TiocSWinSz = 0x5414, TiocGWinSz = 0x5413;
    private const ulong SiocGIfIndex = 0x8933, TunSetIff = 0x400454CA;
    private const int FGetFl = 3, FSetFl = 4, FDupFdCloexec = 1030, FSetPipeSz = 1031, FGetPipeSz = 1032, FAddSeals = 1033, FGetSeals = 1034;
    private const int FOfdSetLk = 37, FOfdSetLkW = 38;

    private static Dictionary<string, (string, string)> WithNineteenthRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Devices"] = (HeldOutProbes.Devices, HeldOutProbes.DevicesLibraryImport);
        probes["Controls"] = (HeldOutProbes.Controls, HeldOutProbes.ControlsLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithNineteenthRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in DevicesRuns().Concat(ControlsRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static long DevLong(HeldOutRun r, string probe, params object?[] arguments) => Convert.ToInt64(r.CallStatic(DeviceProbes, probe, arguments));

    private static long CtlLong(HeldOutRun r, string probe, params object?[] arguments) => Convert.ToInt64(r.CallStatic(ControlProbes, probe, arguments));

    /// <summary>Two files of the same 4096 bytes, each side its own (extents, flags and clones compare as values, not places).</summary>
    private static (int A, int B) TwoFiles(HeldOutRun r, string name)
    {
        byte[] page = Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray();
        return (r.OpenFile(name + "-a", page), r.OpenFile(name + "-b", page));
    }

    /// <summary>The unbound loop device, opened read-only for the queries (null when the machine has none: the run says so).</summary>
    private static int? Loop(HeldOutRun r)
    {
        if (!File.Exists(LoopDevice))
        {
            r.Row.Notes.Add("NOT RUN on a block device: " + LoopDevice + " is missing");
            return null;
        }

        long fd = DevLong(r, "Probe_open", LoopDevice, 0);
        if (fd < 0)
        {
            r.Row.Notes.Add("NOT RUN on a block device: opening " + LoopDevice + " failed with " + Errno.NameOf((int)-fd));
            return null;
        }

        return Made(r, fd, "open " + LoopDevice);
    }

    /// <summary>A call writing one value: the sync probe's value (or -errno) against the variant's result and written value.</summary>
    private static void ExpectValueWritten(HeldOutRun r, string what, long sync, VariantOutcome v, string member)
    {
        if (sync < 0 || v.Errno is not null || v.Other is not null)
        {
            r.ExpectSame(what, sync, v);
            return;
        }

        ExpectResult(r, what, 0, v);
        ExpectWritten(r, what, sync, v, member);
    }

    private static SafeFileHandle Borrowed(int fd) => new SafeFileHandle((IntPtr)fd, ownsHandle: false);

    private static Dictionary<string, Func<HeldOutRun, Task>> DevicesRuns() => new()
    {
        ["blk.getsize64_out_ulong"] = async r =>
        {
            r.ExpectBadFd(DevLong(r, "Probe_getsize64", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("request", BlkGetSize64)));
            (int a, int b) = TwoFiles(r, "h19-size");
            ExpectValueWritten(r, "a regular file (ENOTTY)", DevLong(r, "Probe_getsize64", a), await r.Async(("fd", b), ("request", BlkGetSize64)), "size");
            if (Loop(r) is int loop)
            {
                ExpectValueWritten(r, "an unbound loop device (size 0)", DevLong(r, "Probe_getsize64", loop), await r.Async(("fd", loop), ("request", BlkGetSize64)), "size");
            }
        },
        ["blk.getsize64_outputvalue_safefilehandle_libraryimport"] = async r =>
        {
            long Sync(int fd) => Convert.ToInt64(r.CallStatic(DeviceLibraryImportProbes, "Probe_device_size", Borrowed(fd)));
            r.ExpectBadFd(Sync(HeldOutRun.NotAnOpenFd), await r.Async(("fd", Borrowed(HeldOutRun.NotAnOpenFd)), ("request", (nuint)BlkGetSize64)));
            (int a, int b) = TwoFiles(r, "h19-devsize");
            ExpectValueWritten(r, "a regular file (ENOTTY)", Sync(a), await r.Async(("fd", Borrowed(b)), ("request", (nuint)BlkGetSize64)), "size");
            if (Loop(r) is int loop)
            {
                ExpectValueWritten(r, "an unbound loop device (size 0)", Sync(loop), await r.Async(("fd", Borrowed(loop)), ("request", (nuint)BlkGetSize64)), "size");
            }
        },
        ["blk.sszget_out_int_safehandle"] = async r =>
        {
            r.ExpectBadFd(DevLong(r, "Probe_sector_size", Borrowed(HeldOutRun.NotAnOpenFd)), await r.Async(("fd", Borrowed(HeldOutRun.NotAnOpenFd)), ("request", (uint)BlkSszGet)));
            (int a, int b) = TwoFiles(r, "h19-ssz");
            ExpectValueWritten(r, "a regular file (ENOTTY)", DevLong(r, "Probe_sector_size", Borrowed(a)), await r.Async(("fd", Borrowed(b)), ("request", (uint)BlkSszGet)), "sectorSize");
            if (Loop(r) is int loop)
            {
                ExpectValueWritten(r, "an unbound loop device (512)", DevLong(r, "Probe_sector_size", Borrowed(loop)), await r.Async(("fd", Borrowed(loop)), ("request", (uint)BlkSszGet)), "sectorSize");
            }
        },
        ["blk.size_ordinary_long_result"] = async r =>
        {
            r.ExpectBadFd(DevLong(r, "Probe_size_of", Borrowed(HeldOutRun.NotAnOpenFd)), await r.Async(("device", Borrowed(HeldOutRun.NotAnOpenFd))));
            (int a, int b) = TwoFiles(r, "h19-sizeof");
            r.ExpectSame("a regular file (ENOTTY)", DevLong(r, "Probe_size_of", Borrowed(a)), await r.Async(("device", Borrowed(b))));
            if (Loop(r) is int loop)
            {
                r.ExpectSame("an unbound loop device (size 0)", DevLong(r, "Probe_size_of", Borrowed(loop)), await r.Async(("device", Borrowed(loop))));
            }
        },
        ["blk.discard_range_in_array"] = async r =>
        {
            r.ExpectBadFd(DevLong(r, "Probe_discard", HeldOutRun.NotAnOpenFd, 0UL, 4096UL), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("request", BlkDiscard), ("range", new ulong[] { 0, 4096 })));
            (int a, int b) = TwoFiles(r, "h19-discard");
            r.ExpectSame("a regular file (ENOTTY)", DevLong(r, "Probe_discard", a, 0UL, 4096UL), await r.Async(("fd", b), ("request", BlkDiscard), ("range", new ulong[] { 0, 4096 })));
        },
        ["blk.discard_range_in_struct"] = async r =>
        {
            object range = r.CallStatic(DeviceProbes, "Range", 0UL, 4096UL)!;
            r.ExpectBadFd(DevLong(r, "Probe_discard_in", HeldOutRun.NotAnOpenFd, 0UL, 4096UL), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("request", BlkDiscard), ("range", range)));
            (int a, int b) = TwoFiles(r, "h19-discard-in");
            r.ExpectSame("a regular file (ENOTTY)", DevLong(r, "Probe_discard_in", a, 0UL, 4096UL), await r.Async(("fd", b), ("request", BlkDiscard), ("range", range)));
        },
        ["blk.discard_ordinary_values"] = async r =>
        {
            r.ExpectBadFd(DevLong(r, "Probe_discard_region", HeldOutRun.NotAnOpenFd, 0UL, 4096UL), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0UL), ("length", 4096UL)));
            (int a, int b) = TwoFiles(r, "h19-discard-values");
            r.ExpectSame("a regular file (ENOTTY)", DevLong(r, "Probe_discard_region", a, 0UL, 4096UL), await r.Async(("fd", b), ("offset", 0UL), ("length", 4096UL)));
        },
        ["blk.loop_configure_ordinary"] = async r =>
        {
            r.ExpectBadFd(DevLong(r, "Probe_configure_loop", HeldOutRun.NotAnOpenFd, HeldOutRun.NotAnOpenFd), await r.Async(("loopFd", HeldOutRun.NotAnOpenFd), ("backingFd", HeldOutRun.NotAnOpenFd), ("blockSize", 0u)));
            if (Loop(r) is int loop)
            {
                // The backing descriptor is not open: the kernel answers EBADF (or EBUSY for a bound device) and binds nothing.
                r.ExpectSame("LOOP_CONFIGURE with a backing descriptor not open", DevLong(r, "Probe_configure_loop", loop, HeldOutRun.NotAnOpenFd),
                    await r.Async(("loopFd", loop), ("backingFd", HeldOutRun.NotAnOpenFd), ("blockSize", 0u)));
            }
        },
        ["map.fiemap_byte_array_in_out"] = r => FiemapRun(r, "Probe_fiemap", command: FsIocFiemap),
        ["map.fiemap_in_out_array_libraryimport"] = r => FiemapRun(r, "Probe_map_in_out", command: (nuint)FsIocFiemap, libraryImport: true),
        ["map.fiemap_ordinary_extents"] = async r =>
        {
            (int a, int b) = TwoFiles(r, "h19-extents");
            string sync = (string)r.CallStatic(DeviceProbes, "Probe_map_extents", a)!;
            Array extents = r.NewArray("HeldOut.Devices.FiemapExtent", 4);
            VariantOutcome v = await r.Async(("fd", b), ("start", 0UL), ("length", ulong.MaxValue), ("extents", extents));
            string variant = v.Errno is int e ? "E" + e : v.Other is not null ? v.ToString()
                : (string)r.CallStatic(DeviceProbes, "ExtentsText", FindArray(v.Result) ?? extents, Dig(v.Result, "mapped") ?? -1)!;
            ExpectSameText(r, "the extents of a synced 4096-byte file", sync, variant);
            string closed = (string)r.CallStatic(DeviceProbes, "Probe_map_extents", HeldOutRun.NotAnOpenFd)!;
            VariantOutcome bad = await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("start", 0UL), ("length", ulong.MaxValue), ("extents", r.NewArray("HeldOut.Devices.FiemapExtent", 4)));
            ExpectSameText(r, "closed fd", closed, bad.Errno is int be ? "E" + be : bad.ToString());
        },
        ["iflags.getflags_out_int"] = async r =>
        {
            r.ExpectBadFd(DevLong(r, "Probe_getflags", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("request", (nuint)FsIocGetFlags)));
            (int a, int b) = TwoFiles(r, "h19-flags");
            ExpectValueWritten(r, "an ext4 file's flags", DevLong(r, "Probe_getflags", a), await r.Async(("fd", b), ("request", (nuint)FsIocGetFlags)), "flags");
        },
        ["iflags.getflags_outputvalue_long"] = async r =>
        {
            r.ExpectBadFd(DevLong(r, "Probe_getflags_long", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("request", (nuint)FsIocGetFlags)));
            (int a, int b) = TwoFiles(r, "h19-flags-long");
            ExpectValueWritten(r, "an ext4 file's flags (4 bytes written into a long)", DevLong(r, "Probe_getflags_long", a), await r.Async(("fd", b), ("request", (nuint)FsIocGetFlags)), "flags");
        },
        ["iflags.setflags_in_int"] = async r =>
        {
            r.ExpectBadFd(DevLong(r, "Probe_setflags_in", HeldOutRun.NotAnOpenFd, 0), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("request", (nuint)FsIocSetFlags), ("flags", 0)));
            (int a, int b) = TwoFiles(r, "h19-setflags-in");
            int flags = (int)DevLong(r, "Probe_getflags", a);
            r.ExpectSame("the flags the file has", DevLong(r, "Probe_setflags_in", a, flags), await r.Async(("fd", b), ("request", (nuint)FsIocSetFlags), ("flags", flags)));
            r.ExpectSame("the flags after", DevLong(r, "Probe_getflags", a), new VariantOutcome(null, DevLong(r, "Probe_getflags", b), null, null));
        },
        ["iflags.setflags_ordinary"] = async r =>
        {
            r.ExpectBadFd(DevLong(r, "Probe_setflags", HeldOutRun.NotAnOpenFd, 0), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("flags", 0)));
            (int a, int b) = TwoFiles(r, "h19-setflags");
            int flags = (int)DevLong(r, "Probe_getflags", a);
            r.ExpectSame("the flags the file has", DevLong(r, "Probe_setflags", a, flags), await r.Async(("fd", b), ("flags", flags)));
        },
        ["iflags.figetbsz_signed_request"] = async r =>
        {
            r.ExpectBadFd(DevLong(r, "Probe_block_size", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("request", 2)));
            (int a, int b) = TwoFiles(r, "h19-bsz");
            ExpectValueWritten(r, "the file system's block size", DevLong(r, "Probe_block_size", a), await r.Async(("fd", b), ("request", 2)), "blockSize");
        },
        ["clone.ficlone_source_by_value"] = async r =>
        {
            (int a, int b) = TwoFiles(r, "h19-clone");
            (int c, int d) = TwoFiles(r, "h19-clone-dest");
            r.ExpectBadFd(DevLong(r, "Probe_ficlone", HeldOutRun.NotAnOpenFd, a), await r.Async(("dest_fd", HeldOutRun.NotAnOpenFd), ("request", FiClone), ("src_fd", b)));
            r.ExpectBadFd(DevLong(r, "Probe_ficlone", c, HeldOutRun.NotAnOpenFd), await r.Async(("dest_fd", d), ("request", FiClone), ("src_fd", HeldOutRun.NotAnOpenFd)));
            r.ExpectSame("a clone on ext4 (EOPNOTSUPP)", DevLong(r, "Probe_ficlone", c, a), await r.Async(("dest_fd", d), ("request", FiClone), ("src_fd", b)));
        },
        ["clone.ficlonerange_in_struct"] = r => CloneRangeRun(r, "Probe_ficlonerange_in"),
        ["clone.ficlonerange_ref_readonly"] = r => CloneRangeRun(r, "Probe_ficlonerange_ref_readonly"),
        ["clone.ficlonerange_ordinary"] = async r =>
        {
            (int a, int b) = TwoFiles(r, "h19-range");
            (int c, int d) = TwoFiles(r, "h19-range-dest");
            (string, object?)[] Args(int dest, int src) => new (string, object?)[] { ("destFd", dest), ("srcFd", src), ("srcOffset", 0UL), ("length", 4096UL), ("destOffset", 0UL) };
            r.ExpectBadFd(DevLong(r, "Probe_clone_range", HeldOutRun.NotAnOpenFd, a), await r.Async(Args(HeldOutRun.NotAnOpenFd, b)));
            r.ExpectSame("a clone on ext4 (EOPNOTSUPP)", DevLong(r, "Probe_clone_range", c, a), await r.Async(Args(d, b)));
        },
        ["tty.tiocswinsz_in_struct"] = r => WindowSizeRun(r, "Probe_set_window_size", ws => new (string, object?)[] { ("request", TiocSWinSz), ("ws", ws) }),
        ["tty.tiocswinsz_ordinary_ref_readonly"] = r => WindowSizeRun(r, "Probe_resize", ws => new (string, object?)[] { ("ws", ws) }),
        ["if.siocgifaddr_ordinary"] = async r =>
        {
            int a = Made(r, DevLong(r, "Probe_udp_socket"), "socket"), b = Made(r, DevLong(r, "Probe_udp_socket"), "socket");
            r.ExpectBadFd(DevLong(r, "Probe_address_of", HeldOutRun.NotAnOpenFd, "lo"), await r.Async(("socket", HeldOutRun.NotAnOpenFd), ("name", "lo")));
            ExpectValueWritten(r, "the loopback interface's address", DevLong(r, "Probe_address_of", a, "lo"), await r.Async(("socket", b), ("name", "lo")), "address");
            r.ExpectSame("an interface that does not exist (ENODEV)", DevLong(r, "Probe_address_of", a, "h19none0"), await r.Async(("socket", b), ("name", "h19none0")));
        },
        ["if.siocgifindex_nint_address"] = async r =>
        {
            int a = Made(r, DevLong(r, "Probe_udp_socket"), "socket"), b = Made(r, DevLong(r, "Probe_udp_socket"), "socket");
            byte[] closed = (byte[])r.CallStatic(DeviceProbes, "IfReqBytes", "lo")!;
            r.ExpectBadFd(DevLong(r, "Probe_index_of", HeldOutRun.NotAnOpenFd, "lo"), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("request", SiocGIfIndex), ("ifr", closed)));
            byte[] request = (byte[])r.CallStatic(DeviceProbes, "IfReqBytes", "lo")!;
            long sync = DevLong(r, "Probe_index_of", a, "lo");
            VariantOutcome v = await r.Async(("fd", b), ("request", SiocGIfIndex), ("ifr", request));
            r.ExpectSame("the loopback interface's index (the call's result)", 0, v);
            r.ExpectSame("the index written at the address", sync, new VariantOutcome(null, BitConverter.ToInt32(request, 16), null, null));
        },
        ["if.tunsetiff_byte_array"] = async r =>
        {
            r.ExpectBadFd(DevLong(r, "Probe_tunsetiff", HeldOutRun.NotAnOpenFd, (short)0), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("request", TunSetIff), ("ifr", new byte[40])));
            long a = DevLong(r, "Probe_open", "/dev/net/tun", ORdWr), b = DevLong(r, "Probe_open", "/dev/net/tun", ORdWr);
            if (a < 0 || b < 0)
            {
                r.Row.Notes.Add("NOT RUN on /dev/net/tun: " + (a < 0 ? Errno.NameOf((int)-a) : Errno.NameOf((int)-b)));
                return;
            }

            int ta = Made(r, a, "tun"), tb = Made(r, b, "tun");
            r.ExpectSame("TUNSETIFF without a device type (EINVAL, nothing made)", DevLong(r, "Probe_tunsetiff", ta, (short)0), await r.Async(("fd", tb), ("request", TunSetIff), ("ifr", new byte[40])));
        },
    };

    private static async Task FiemapRun(HeldOutRun r, string probe, object command, bool libraryImport = false)
    {
        string type = libraryImport ? DeviceLibraryImportProbes : DeviceProbes;
        (int a, int b) = TwoFiles(r, "h19-fiemap");
        string sync = (string)r.CallStatic(type, probe, a)!;
        byte[] request = (byte[])r.CallStatic(DeviceProbes, "FiemapRequest")!;
        VariantOutcome v = await r.Async(("fd", b), ("request", command), ("fiemap", request));
        string variant = v.Errno is int e ? "E" + e : v.Other is not null ? v.ToString() : (string)r.CallStatic(DeviceProbes, "FiemapText", request)!;
        ExpectSameText(r, "the extents of a synced 4096-byte file (header read, count and extents written)", sync, variant);
        string closed = (string)r.CallStatic(type, probe, HeldOutRun.NotAnOpenFd)!;
        VariantOutcome bad = await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("request", command), ("fiemap", (byte[])r.CallStatic(DeviceProbes, "FiemapRequest")!));
        ExpectSameText(r, "closed fd", closed, bad.Errno is int be ? "E" + be : bad.ToString());
    }

    private static Array? FindArray(object? result) =>
        result is Array array ? array
        : result?.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0 && p.PropertyType.IsArray).Select(p => p.GetValue(result) as Array).FirstOrDefault(a => a is not null);

    private static async Task CloneRangeRun(HeldOutRun r, string probe)
    {
        (int a, int b) = TwoFiles(r, "h19-" + probe);
        (int c, int d) = TwoFiles(r, "h19-" + probe + "-dest");
        object range = r.CallStatic(DeviceProbes, "CloneRangeOf", (long)b, 0UL, 4096UL, 0UL)!;
        r.ExpectBadFd(DevLong(r, probe, HeldOutRun.NotAnOpenFd, a), await r.Async(("dest_fd", HeldOutRun.NotAnOpenFd), ("request", FiCloneRange), ("range", range)));
        r.ExpectSame("a clone on ext4 (EOPNOTSUPP)", DevLong(r, probe, c, a), await r.Async(("dest_fd", d), ("request", FiCloneRange), ("range", range)));
    }

    private static async Task WindowSizeRun(HeldOutRun r, string probe, Func<object, (string, object?)[]> arguments)
    {
        object ws = r.CallStatic(DeviceProbes, "WinsizeOf", 33, 101)!;
        r.ExpectBadFd(DevLong(r, probe, HeldOutRun.NotAnOpenFd, 33, 101), await r.Async(arguments(ws).Append(("fd", (object?)HeldOutRun.NotAnOpenFd)).ToArray()));
        int a = Made(r, DevLong(r, "Probe_open_pty"), "posix_openpt"), b = Made(r, DevLong(r, "Probe_open_pty"), "posix_openpt");
        r.ExpectSame("a pseudo-terminal set to 33x101", DevLong(r, probe, a, 33, 101), await r.Async(arguments(ws).Append(("fd", (object?)b)).ToArray()));
        r.ExpectSame("the size read back", DevLong(r, "Probe_winsize", a), new VariantOutcome(null, DevLong(r, "Probe_winsize", b), null, null));
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> ControlsRuns() => new()
    {
        ["fl.getfl_two_args_safefilehandle_libraryimport"] = async r =>
        {
            long Sync(int fd, int cmd) => Convert.ToInt64(r.CallStatic(ControlLibraryImportProbes, "Probe_fcntl_two", Borrowed(fd), cmd));
            r.ExpectBadFd(Sync(HeldOutRun.NotAnOpenFd, FGetFl), await r.Async(("fd", Borrowed(HeldOutRun.NotAnOpenFd)), ("cmd", FGetFl)));
            int a = r.OpenFile("h19-getfl-a", Content), b = r.OpenFile("h19-getfl-b", Content);
            r.ExpectSame("F_GETFL of a file opened read-write", Sync(a, FGetFl), await r.Async(("fd", Borrowed(b)), ("cmd", FGetFl)));
            (int pa, _) = Pipe(r);
            (int pb, _) = Pipe(r);
            r.ExpectSame("F_GETPIPE_SZ", Sync(pa, FGetPipeSz), await r.Async(("fd", Borrowed(pb)), ("cmd", FGetPipeSz)));
        },
        ["fl.setfl_long_arg"] = async r =>
        {
            r.ExpectBadFd(CtlLong(r, "Probe_set_status", HeldOutRun.NotAnOpenFd, FSetFl, (long)ONonBlock), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("cmd", FSetFl), ("arg", (long)ONonBlock)));
            (_, int wa) = Pipe(r);
            (_, int wb) = Pipe(r);
            r.ExpectSame("F_SETFL O_NONBLOCK", CtlLong(r, "Probe_set_status", wa, FSetFl, (long)ONonBlock), await r.Async(("fd", wb), ("cmd", FSetFl), ("arg", (long)ONonBlock)));
            r.ExpectSame("F_GETFL after", CtlLong(r, "Probe_fcntl", wa, FGetFl, 0), new VariantOutcome(null, CtlLong(r, "Probe_fcntl", wb, FGetFl, 0), null, null));
        },
        ["fl.setpipe_sz_uint"] = async r =>
        {
            r.ExpectBadFd(CtlLong(r, "Probe_pipe_size", HeldOutRun.NotAnOpenFd, FSetPipeSz, 100_000u), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("cmd", FSetPipeSz), ("size", 100_000u)));
            (int ra, _) = Pipe(r);
            (int rb, _) = Pipe(r);
            r.ExpectSame("F_SETPIPE_SZ 100000 (rounded up to a power of two pages)", CtlLong(r, "Probe_pipe_size", ra, FSetPipeSz, 100_000u), await r.Async(("fd", rb), ("cmd", FSetPipeSz), ("size", 100_000u)));
            int fa = r.OpenFile("h19-pipesz-a", Content), fb = r.OpenFile("h19-pipesz-b", Content);
            r.ExpectSame("F_SETPIPE_SZ on a file (EBADF)", CtlLong(r, "Probe_pipe_size", fa, FSetPipeSz, 100_000u), await r.Async(("fd", fb), ("cmd", FSetPipeSz), ("size", 100_000u)));
        },
        ["fl.add_seals_memfd"] = async r =>
        {
            const uint SealGrow = 4;
            r.ExpectBadFd(CtlLong(r, "Probe_add_seals", HeldOutRun.NotAnOpenFd, FAddSeals, SealGrow), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("cmd", FAddSeals), ("seals", SealGrow)));
            int a = Made(r, CtlLong(r, "Probe_memfd", "h19-seal-a", 2u), "memfd_create"), b = Made(r, CtlLong(r, "Probe_memfd", "h19-seal-b", 2u), "memfd_create");
            r.ExpectSame("F_ADD_SEALS F_SEAL_GROW on a sealable memfd", CtlLong(r, "Probe_add_seals", a, FAddSeals, SealGrow), await r.Async(("fd", b), ("cmd", FAddSeals), ("seals", SealGrow)));
            r.ExpectSame("F_GET_SEALS after", CtlLong(r, "Probe_fcntl", a, FGetSeals, 0), new VariantOutcome(null, CtlLong(r, "Probe_fcntl", b, FGetSeals, 0), null, null));
            int c = Made(r, CtlLong(r, "Probe_memfd", "h19-noseal-c", 0u), "memfd_create"), d = Made(r, CtlLong(r, "Probe_memfd", "h19-noseal-d", 0u), "memfd_create");
            r.ExpectSame("F_ADD_SEALS on a memfd made without sealing (EPERM)", CtlLong(r, "Probe_add_seals", c, FAddSeals, SealGrow), await r.Async(("fd", d), ("cmd", FAddSeals), ("seals", SealGrow)));
        },
        ["dup.dupfd_cloexec_safefilehandle_result"] = async r =>
        {
            int a = r.OpenFile("h19-dup-a", Content), b = r.OpenFile("h19-dup-b", Content);
            ExpectSameText(r, "F_DUPFD_CLOEXEC from 100", (string)r.CallStatic(ControlProbes, "Probe_dupfd", a, 100)!, await NewDescriptorText(r, 100, ("fd", b), ("cmd", FDupFdCloexec), ("minfd", 100)));
            ExpectSameText(r, "closed fd", (string)r.CallStatic(ControlProbes, "Probe_dupfd", HeldOutRun.NotAnOpenFd, 100)!, await NewDescriptorText(r, 100, ("fd", HeldOutRun.NotAnOpenFd), ("cmd", FDupFdCloexec), ("minfd", 100)));
            ExpectSameText(r, "a negative minimum (EINVAL)", (string)r.CallStatic(ControlProbes, "Probe_dupfd", a, -1)!, await NewDescriptorText(r, -1, ("fd", b), ("cmd", FDupFdCloexec), ("minfd", -1)));
        },
        ["dup.dupfd_cloexec_ordinary_safefilehandle"] = async r =>
        {
            int a = r.OpenFile("h19-dup2-a", Content), b = r.OpenFile("h19-dup2-b", Content);
            ExpectSameText(r, "F_DUPFD_CLOEXEC from 200", (string)r.CallStatic(ControlProbes, "Probe_duplicate", Borrowed(a), 200)!, await NewDescriptorText(r, 200, ("fd", Borrowed(b)), ("minimum", 200)));
            ExpectSameText(r, "closed fd", (string)r.CallStatic(ControlProbes, "Probe_duplicate", Borrowed(HeldOutRun.NotAnOpenFd), 200)!, await NewDescriptorText(r, 200, ("fd", Borrowed(HeldOutRun.NotAnOpenFd)), ("minimum", 200)));
        },
        ["lk.ofd_setlkw_nint_address"] = async r =>
        {
            long lockA = CtlLong(r, "Probe_lock_memory", FWrLck, 0L, 100L), lockB = CtlLong(r, "Probe_lock_memory", FWrLck, 0L, 100L);
            try
            {
                await LockWait(r, "h19-lk-nint", fd => CtlLong(r, "Probe_lock_nint", fd, FOfdSetLkW, lockA), (fd, token) => r.Async(("fd", fd), ("cmd", FOfdSetLkW), ("lk", (nint)lockB), ("cancellationToken", token)));
            }
            finally
            {
                CtlLong(r, "Probe_free_native", lockA);
                CtlLong(r, "Probe_free_native", lockB);
            }
        },
        ["lk.ofd_setlkw_in_flock_libraryimport"] = r =>
        {
            object lk = r.CallStatic(ControlProbes, "FlockOf", FWrLck, 0L, 100L)!;
            return LockWait(r, "h19-lk-in", fd => Convert.ToInt64(r.CallStatic(ControlLibraryImportProbes, "Probe_lock_in", fd, FOfdSetLkW, FWrLck, 0L, 100L)),
                (fd, token) => r.Async(("fd", fd), ("cmd", FOfdSetLkW), ("lk", lk), ("cancellationToken", token)));
        },
        ["lk.ofd_setlkw_nativemarshalling_value"] = r =>
        {
            object request = r.CallStatic(ControlProbes, "LockRequestOf", true, 0L, 100L)!;
            return LockWait(r, "h19-lk-marshalled", fd => Convert.ToInt64(r.CallStatic(ControlLibraryImportProbes, "Probe_lock_request", fd, FOfdSetLkW, true, 0L, 100L)),
                (fd, token) => r.Async(("fd", fd), ("cmd", FOfdSetLkW), ("request", request), ("cancellationToken", token)));
        },
        ["lk.ofd_setlkw_suppress_gc_nint"] = async r =>
        {
            long lockA = CtlLong(r, "Probe_lock_memory", FWrLck, 0L, 100L), lockB = CtlLong(r, "Probe_lock_memory", FWrLck, 0L, 100L);
            try
            {
                r.ExpectBadFd(CtlLong(r, "Probe_lock_fast", HeldOutRun.NotAnOpenFd, FOfdSetLkW, lockA), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("cmd", FOfdSetLkW), ("lk", (nint)lockB)));
                int a = r.OpenFile("h19-lk-fast-a", Content), b = r.OpenFile("h19-lk-fast-b", Content);
                r.ExpectSame("F_OFD_SETLKW of a free region (no wait)", CtlLong(r, "Probe_lock_fast", a, FOfdSetLkW, lockA), await r.Async(("fd", b), ("cmd", FOfdSetLkW), ("lk", (nint)lockB)));
                int otherA = r.OpenExisting(Path.Combine(r.Directory, "h19-lk-fast-a")), otherB = r.OpenExisting(Path.Combine(r.Directory, "h19-lk-fast-b"));
                r.ExpectSame("F_OFD_SETLK of a held region (EAGAIN; never a wait here)", CtlLong(r, "Probe_lock_fast", otherA, FOfdSetLk, lockA), await r.Async(("fd", otherB), ("cmd", FOfdSetLk), ("lk", (nint)lockB)));
            }
            finally
            {
                CtlLong(r, "Probe_free_native", lockA);
                CtlLong(r, "Probe_free_native", lockB);
            }
        },
        ["lk.flock_suppress_gc"] = async r =>
        {
            const int LockExNb = 2 | 4;
            r.ExpectBadFd(CtlLong(r, "Probe_flock", HeldOutRun.NotAnOpenFd, LockExNb), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("operation", LockExNb)));
            int a = r.OpenFile("h19-flock-a", Content), b = r.OpenFile("h19-flock-b", Content);
            r.ExpectSame("LOCK_EX|LOCK_NB of a free file", CtlLong(r, "Probe_flock", a, LockExNb), await r.Async(("fd", b), ("operation", LockExNb)));
            // Opened raw: File.OpenHandle takes a shared flock of its own, which the lock just taken refuses.
            int otherA = Made(r, CtlLong(r, "Probe_open", Path.Combine(r.Directory, "h19-flock-a"), ORdWr), "open"), otherB = Made(r, CtlLong(r, "Probe_open", Path.Combine(r.Directory, "h19-flock-b"), ORdWr), "open");
            r.ExpectSame("LOCK_EX|LOCK_NB of a held file (EWOULDBLOCK; never a wait here)", CtlLong(r, "Probe_flock", otherA, LockExNb), await r.Async(("fd", otherB), ("operation", LockExNb)));
        },
        ["mar.sandbox_path_marshalusing_open"] = async r =>
        {
            File.WriteAllText(Path.Combine(r.Directory, "h19-sandboxed"), "x");
            CtlLong(r, "Probe_set_root", r.Directory);
            string Opened(long fd) => fd < 0 ? "E" + -fd : "opened " + (Made(r, fd, "open") >= 0 ? "the file under the root" : "");
            string sync = Opened(Convert.ToInt64(r.CallStatic(ControlLibraryImportProbes, "Probe_open_in_sandbox", "h19-sandboxed", 0)));
            VariantOutcome v = await r.Async(("path", "h19-sandboxed"), ("flags", 0x80000));
            ExpectSameText(r, "a name the marshaller resolves against its root", sync, v.Errno is int e ? "E" + e : v.Number is long n ? Opened(n) : v.ToString());
            string missing = Opened(Convert.ToInt64(r.CallStatic(ControlLibraryImportProbes, "Probe_open_in_sandbox", "h19-missing", 0)));
            VariantOutcome m = await r.Async(("path", "h19-missing"), ("flags", 0x80000));
            ExpectSameText(r, "a missing name (ENOENT)", missing, m.Errno is int me ? "E" + me : m.Number is long mn ? Opened(mn) : m.ToString());
        },
        ["mar.window_size_nativemarshalling_out_class"] = async r =>
        {
            long Sync(int fd) => Convert.ToInt64(r.CallStatic(ControlLibraryImportProbes, "Probe_window_size", fd));
            r.ExpectBadFd(Sync(HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("request", (nuint)TiocGWinSz)));
            int a = Made(r, CtlLong(r, "Probe_open_pty"), "posix_openpt"), b = Made(r, CtlLong(r, "Probe_open_pty"), "posix_openpt");
            CtlLong(r, "Probe_set_winsize", a, 33, 101);
            CtlLong(r, "Probe_set_winsize", b, 33, 101);
            VariantOutcome v = await r.Async(("fd", b), ("request", (nuint)TiocGWinSz));
            long? rows = Dig(v.Result, "Rows"), columns = Dig(v.Result, "Columns");
            r.ExpectSame("a pseudo-terminal of 33x101, read into the marshalled class", Sync(a), v.Errno is not null || v.Other is not null ? v : new VariantOutcome(null, rows is long rr && columns is long cc ? rr * 1000 + cc : -1, null, null));
        },
        ["mar.native_block_marshalusing_pread"] = async r =>
        {
            int a = r.OpenFile("h19-block-a", Content), b = r.OpenFile("h19-block-b", Content);
            string sync = (string)r.CallStatic(ControlLibraryImportProbes, "Probe_read_block", a, 16, 3L)!;
            object block = r.NewObject("HeldOut.Controls.NativeBlock", 16);
            try
            {
                VariantOutcome v = await r.Async(("fd", b), ("buffer", block), ("count", (nuint)16), ("offset", 3L));
                byte[] bytes = (byte[])block.GetType().GetMethod("ToArray")!.Invoke(block, null)!;
                ExpectSameText(r, "16 bytes at offset 3 into the library's native block", sync, v.Errno is int e ? "E" + e : v.Number is long n && n >= 0 ? n + ":" + Convert.ToHexString(bytes, 0, (int)n) : v.ToString());
            }
            finally
            {
                ((IDisposable)block).Dispose();
            }
        },
        ["mar.device_handle_subclass_ioctl_libraryimport"] = async r =>
        {
            long Sync(object device) => Convert.ToInt64(r.CallStatic(ControlLibraryImportProbes, "Probe_device_block_size", device));
            object Device(int fd) => r.NewObject("HeldOut.Controls.DeviceHandle", (IntPtr)fd, false);
            r.ExpectBadFd(Sync(Device(HeldOutRun.NotAnOpenFd)), await r.Async(("device", Device(HeldOutRun.NotAnOpenFd)), ("request", (nuint)2)));
            int a = r.OpenFile("h19-devhandle-a", Content), b = r.OpenFile("h19-devhandle-b", Content);
            ExpectValueWritten(r, "FIGETBSZ through the library's handle", Sync(Device(a)), await r.Async(("device", Device(b)), ("request", (nuint)2)), "blockSize");
        },
        ["ro.readonly_struct_instance_figetbsz"] = async r =>
        {
            r.ExpectBadFd(CtlLong(r, "Probe_block_file_size", HeldOutRun.NotAnOpenFd), await r.AsyncOn(r.NewObject("HeldOut.Controls.BlockFile", HeldOutRun.NotAnOpenFd)));
            int a = r.OpenFile("h19-blockfile-a", Content), b = r.OpenFile("h19-blockfile-b", Content);
            ExpectValueWritten(r, "FIGETBSZ through the struct's descriptor", CtlLong(r, "Probe_block_file_size", a), await r.AsyncOn(r.NewObject("HeldOut.Controls.BlockFile", b)), "size");
        },
        ["left.statx_outputvalue_dllimport"] = async r =>
        {
            string path = Path.Combine(r.Directory, "h19-statx");
            File.WriteAllBytes(path, Content);
            long sync = CtlLong(r, "Probe_statx_size", path);
            string? bufferType = r.ParameterType("statxbuf");
            if (bufferType is not null)
            {
                byte[] buffer = new byte[256];
                VariantOutcome taken = await r.Async(("dirfd", -100), ("pathname", path), ("flags", 0), ("mask", 0xFFFu), ("statxbuf", buffer));
                r.Row.Runs.Add("statx with the variant's " + bufferType + ": async " + taken + ", size " + BitConverter.ToInt64(buffer, 40));
                r.Row.Problems.Add("the [OutputValue] mark asks for the struct back, and the variant takes " + bufferType + " 'statxbuf' instead");
                return;
            }

            VariantOutcome v = await r.Async(("dirfd", -100), ("pathname", path), ("flags", 0), ("mask", 0xFFFu));
            ExpectValueWritten(r, "a 36-byte file's size", sync, v, "Size");
            r.ExpectSame("a missing path (ENOENT)", CtlLong(r, "Probe_statx_size", path + "-missing"), await r.Async(("dirfd", -100), ("pathname", path + "-missing"), ("flags", 0), ("mask", 0xFFFu)));
        },
        ["left.getcwd_nint_null_sized"] = async r =>
        {
            string? bufferType = r.ParameterType("buf");
            if (bufferType is not ("nint" or "System.IntPtr"))
            {
                r.Row.Problems.Add("getcwd(NULL, 4096) cannot be asked: the variant takes " + bufferType + " for the nint buffer");
                return;
            }

            string Taken(VariantOutcome v) => v.Errno is int e ? "E" + e : v.Number is long p and not 0 ? (string)r.CallStatic(ControlProbes, "Probe_take_text", p)! : v.ToString();
            ExpectSameText(r, "getcwd(NULL, 4096): glibc allocates 4096 bytes", (string)r.CallStatic(ControlProbes, "Probe_getcwd_null", 4096L)!, Taken(await r.Async(("buf", (nint)0), ("size", (nuint)4096))));
            ExpectSameText(r, "getcwd(NULL, 1): too small (ERANGE)", (string)r.CallStatic(ControlProbes, "Probe_getcwd_null", 1L)!, Taken(await r.Async(("buf", (nint)0), ("size", (nuint)1))));
        },
    };

    /// <summary>A new descriptor the variant returned (a SafeFileHandle, or a number): as <c>DescriptorText</c> says it, and closed.</summary>
    private static async Task<string> NewDescriptorText(HeldOutRun r, int minimum, params (string Name, object? Value)[] arguments)
    {
        VariantOutcome v = await r.Async(arguments);
        if (v.Errno is int e)
        {
            return "E" + e;
        }

        // Only a number the call can have made (above the standard streams', at or above the minimum asked) is described and
        // closed: any other number a wrong variant returned may be the test host's or another test's, and is left open.
        return v.Result switch
        {
            SafeFileHandle handle when !handle.IsInvalid && !IsNew((long)handle.DangerousGetHandle(), minimum) => NotNew(handle),
            SafeFileHandle handle when !handle.IsInvalid => (string)r.CallStatic(ControlProbes, "DescriptorText", handle, minimum)!,
            SafeFileHandle invalid => "an invalid handle returned as a success",
            _ when v.Number is long fd && fd >= 0 && !IsNew(fd, minimum) => "descriptor " + fd + ", not one the call can have made (left open)",
            _ when v.Number is long fd && fd >= 0 => (string)r.CallStatic(ControlProbes, "DescriptorText", new SafeFileHandle((IntPtr)fd, true), minimum)!,
            _ => v.ToString(),
        };

        static bool IsNew(long fd, int minimum) => fd > 2 && fd >= minimum;

        static string NotNew(SafeFileHandle handle)
        {
            long fd = (long)handle.DangerousGetHandle();
            handle.SetHandleAsInvalid();
            return "descriptor " + fd + ", not one the call can have made (left open)";
        }
    }

    /// <summary>
    /// A lock wait: a closed descriptor, a free region (both sides), then a region held through another open file description,
    /// which only the variant is asked for, with a token cancelled after 300 ms: it must end with OperationCanceledException.
    /// </summary>
    private static async Task LockWait(HeldOutRun r, string name, Func<int, long> sync, Func<int, CancellationToken, Task<VariantOutcome>> variant)
    {
        r.ExpectBadFd(sync(HeldOutRun.NotAnOpenFd), await variant(HeldOutRun.NotAnOpenFd, CancellationToken.None));
        int a = r.OpenFile(name + "-a", Content), b = r.OpenFile(name + "-b", Content);
        r.ExpectSame("F_OFD_SETLKW of a free region", sync(a), await variant(b, CancellationToken.None));
        int otherB = r.OpenExisting(Path.Combine(r.Directory, name + "-b"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        VariantOutcome waited = await variant(otherB, cancel.Token);
        r.Row.Runs.Add("a region held through another open file, cancelled after 300 ms: async " + waited);
        if (waited.Other is not OperationCanceledException)
        {
            r.Row.Problems.Add("a blocked F_OFD_SETLKW whose token is cancelled: the variant " + waited + " where it must end with OperationCanceledException (the sync call waits)");
        }
    }
}
