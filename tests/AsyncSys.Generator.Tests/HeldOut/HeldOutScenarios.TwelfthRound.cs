using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the twelfth blind round (Mappings.case, Objects.case), written with the case files, before the
/// generator was run on them. Mappings are anonymous or over temp files (each side maps its own, set up alike; addresses
/// differ, so a run compares what is mapped, not where); extended attributes are user.* attributes of temp files (the test
/// directory is under /tmp); locks are taken through a second open file of the same file; process descriptors are the
/// test's own process and /bin/true spawned and reaped; event descriptors are made non-blocking, so an empty one answers
/// EAGAIN at once.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const long PageBytes = 4096;

    private static Dictionary<string, (string, string)> WithTwelfthRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Mappings"] = (HeldOutProbes.Mappings, HeldOutProbes.MappingsLibraryImport);
        probes["Objects"] = (HeldOutProbes.Objects, HeldOutProbes.ObjectsLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithTwelfthRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in MappingRuns().Concat(AttributeRuns()).Concat(LockAndProcessRuns()).Concat(EventAndHandleRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    [DllImport("libc", EntryPoint = "munmap")]
    private static extern int UnmapForCleanup(nint addr, nuint length);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int CloseForCleanup(int fd);

    /// <summary>A mapping the run made (or a variant returned), unmapped when the test ends.</summary>
    private sealed class MappingCleanup(long address, long length) : IDisposable
    {
        public void Dispose() => UnmapForCleanup((nint)address, (nuint)length);
    }

    private static VariantOutcome Value(long value) => new(null, value, null, null);

    /// <summary>An anonymous private read-write mapping made by the probe, unmapped when the test ends.</summary>
    private static long Anon(HeldOutRun r, long length)
    {
        long address = r.Sync("Probe_map_anon", length);
        if (address <= 0)
        {
            throw new InvalidOperationException("mmap of " + length + " bytes failed: " + address + "; the run is wrong");
        }

        r.Track(new MappingCleanup(address, length));
        return address;
    }

    [DllImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static extern nint MapForRun(nint addr, nuint length, int prot, int flags, int fd, long offset);

    // Far below where the kernel places mappings (top-down from just under the stack, near 128 TiB): nothing else in this
    // process maps here, so a range unmapped here stays unmapped while the sync call and its variant look at it. An address
    // the kernel picked itself is reused at once by the runtime's and other tests' threads (a check of "not mapped" then
    // met someone's new mapping now and then).
    private static long _sparse = 0x1000_0000_0000 + (Environment.ProcessId % 4096) * 0x10_0000;

    /// <summary>An anonymous read-write mapping in an area nothing else maps into (see <see cref="_sparse"/>); not tracked.</summary>
    private static long SparseAnon(long length)
    {
        const int MapFixedNoReplace = 0x100000, MapPrivateAnonymous = 0x22;
        long hint = System.Threading.Interlocked.Add(ref _sparse, 0x10_0000) - 0x10_0000;
        nint address = MapForRun((nint)hint, (nuint)length, 3, MapPrivateAnonymous | MapFixedNoReplace, -1, 0);
        if (address != (nint)hint)
        {
            throw new InvalidOperationException("mmap at " + hint.ToString("x") + " gave " + address.ToString("x") + " (errno " + Marshal.GetLastPInvokeError() + "); the run is wrong");
        }

        return address;
    }

    /// <summary>An anonymous mapping unmapped at once, where nothing else maps: an address range known not to be mapped.</summary>
    private static long Unmapped(HeldOutRun r, long length)
    {
        long address = SparseAnon(length);
        r.Sync("Probe_unmap", address, length);
        return address;
    }

    private static unsafe void FillBytes(long address, long length, byte value) => new Span<byte>((void*)address, (int)length).Fill(value);

    /// <summary>
    /// A call that returns an address: where the sync call failed, the variant must fail alike; where it mapped, the
    /// variant must return an address too (the run then compares the first 8 bytes at each, and unmaps both).
    /// </summary>
    private static (long Sync, long Variant)? ExpectMapped(HeldOutRun r, string what, long sync, VariantOutcome variant, long length)
    {
        if (sync < 0)
        {
            r.ExpectSame(what, sync, variant);
            return null;
        }

        r.Track(new MappingCleanup(sync, length));
        r.Row.Runs.Add(what + ": sync mapped at 0x" + sync.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + ", async " + variant);
        if (variant.Errno is not null || variant.Other is not null || variant.Number is not long address || address <= 0)
        {
            r.Row.Problems.Add(what + ": the variant " + variant + " where the sync wrapper mapped");
            return null;
        }

        r.Track(new MappingCleanup(address, length));
        r.ExpectSame(what + ": the first 8 bytes mapped", Marshal.ReadInt64((nint)sync), Value(Marshal.ReadInt64((nint)address)));
        return (sync, address);
    }

    /// <summary>A Memory&lt;byte&gt; over native memory (the case file's MemoryManager), as a ReadOnlyMemory where the variant takes one.</summary>
    private static object RegionMemory(HeldOutRun r, long address, int length, string parameter)
    {
        Memory<byte> memory = ((System.Buffers.MemoryManager<byte>)r.NewObject("HeldOut.Mappings.NativeRegion", (nint)address, length)).Memory;
        // Boxed as the variant's own type: a conditional of the two would make both ReadOnlyMemory.
        return r.ParameterType(parameter) is string type && type.StartsWith("System.ReadOnlyMemory", StringComparison.Ordinal) ? (object)(ReadOnlyMemory<byte>)memory : memory;
    }

    /// <summary>The file a descriptor names (/proc/self/fd), or why not.</summary>
    private static string LinkOf(long fd)
    {
        try
        {
            return new FileInfo("/proc/self/fd/" + fd).LinkTarget ?? "(no link)";
        }
        catch (IOException e)
        {
            return "(" + e.Message + ")";
        }
    }

    /// <summary>The descriptor number a variant returned, as a number or in a SafeHandle (which then no longer owns it).</summary>
    private static long? DescriptorOf(VariantOutcome variant)
    {
        if (variant.Result is SafeHandle handle)
        {
            long fd = (long)handle.DangerousGetHandle();
            handle.SetHandleAsInvalid();
            return fd;
        }

        return variant.Number;
    }

    /// <summary>
    /// A call that makes a descriptor: the same failure, or a descriptor on each side that names the same kind of file (the
    /// given description) and agrees on <paramref name="check"/>; both are closed.
    /// </summary>
    private static void ExpectNewDescriptor(HeldOutRun r, string what, long sync, VariantOutcome variant, Func<long, string> describe, Func<long, long>? check = null)
    {
        if (sync < 0)
        {
            // Only a number above the standard streams' is closed: a wrong variant's 0, 1 or 2 is the test host's own.
            if (DescriptorOf(variant) is long made && made > 2 && variant.Errno is null && variant.Other is null)
            {
                CloseForCleanup((int)made);
            }

            r.ExpectSame(what, sync, variant);
            return;
        }

        long? fd = variant.Errno is null && variant.Other is null ? DescriptorOf(variant) : null;
        r.Row.Runs.Add(what + ": sync made descriptor " + sync + " (" + describe(sync) + "), async " + variant + (fd is long f ? " (" + describe(f) + ")" : ""));
        if (fd is not long made2 || made2 <= 2)
        {
            r.Row.Problems.Add(what + ": the variant " + variant + " where the sync wrapper made a descriptor");
        }
        else
        {
            if (describe(sync) != describe(made2))
            {
                r.Row.Problems.Add(what + ": the variant's descriptor is '" + describe(made2) + "' where the sync wrapper's is '" + describe(sync) + "'");
            }

            if (check is not null)
            {
                r.ExpectSame(what + ": the same check on each", check(sync), Value(check(made2)));
            }

            CloseForCleanup((int)made2);
        }

        CloseForCleanup((int)sync);
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> MappingRuns() => new()
    {
        ["mem.mmap_libraryimport_safehandle_nint"] = async r =>
        {
            byte[] page = Enumerable.Range(0, (int)PageBytes).Select(i => (byte)(i * 7)).ToArray();
            int a = r.OpenFile("map-a", page), b = r.OpenFile("map-b", page);
            (string, object?)[] Args(int fd, long length, int prot, int flags, long offset) =>
                new (string, object?)[] { ("addr", 0L), ("length", length), ("prot", prot), ("flags", flags), ("fd", fd), ("offset", offset) };
            ExpectMapped(r, "a shared read-only map of a file", r.Sync("Probe_map", a, PageBytes, 1, 1, 0L), await r.Async(Args(b, PageBytes, 1, 1, 0L)), PageBytes);
            r.ExpectBadFd(r.Sync("Probe_map", HeldOutRun.NotAnOpenFd, PageBytes, 1, 1, 0L), await r.Async(Args(HeldOutRun.NotAnOpenFd, PageBytes, 1, 1, 0L)));
            ExpectMapped(r, "an offset not page-aligned (EINVAL)", r.Sync("Probe_map", a, PageBytes, 1, 1, 1L), await r.Async(Args(b, PageBytes, 1, 1, 1L)), PageBytes);
            ExpectMapped(r, "length 0 (EINVAL)", r.Sync("Probe_map", a, 0L, 1, 1, 0L), await r.Async(Args(b, 0L, 1, 1, 0L)), PageBytes);
            int ra = (int)r.Sync("Probe_open_ro", Path.Combine(r.Directory, "map-a")), rb = (int)r.Sync("Probe_open_ro", Path.Combine(r.Directory, "map-b"));
            r.Track(new Microsoft.Win32.SafeHandles.SafeFileHandle((IntPtr)ra, true));
            r.Track(new Microsoft.Win32.SafeHandles.SafeFileHandle((IntPtr)rb, true));
            ExpectMapped(r, "a shared writable map of a read-only descriptor (EACCES)", r.Sync("Probe_map", ra, PageBytes, 3, 1, 0L), await r.Async(Args(rb, PageBytes, 3, 1, 0L)), PageBytes);
        },
        ["mem.mmap_anonymous_ordinary_defaults"] = async r =>
        {
            (long, long)? both = ExpectMapped(r, "8192 bytes, protection and flags by default", r.Sync("Probe_map_anonymous_default", 2 * PageBytes), await r.Async(("length", 2 * PageBytes)), 2 * PageBytes);
            if (both is (long s, long v))
            {
                r.ExpectSame("the mapping's protection (read-write)", r.Sync("Probe_perms", s), Value(r.Sync("Probe_perms", v)));
            }

            ExpectMapped(r, "length 0 (EINVAL)", r.Sync("Probe_map_anonymous_default", 0L), await r.Async(("length", 0L)), PageBytes);
            ExpectMapped(r, "no mapping type (EINVAL)", r.Sync("Probe_map_anonymous", PageBytes, 3, 0x20), await r.Async(("length", PageBytes), ("prot", 3), ("flags", 0x20)), PageBytes);
        },
        ["mem.munmap_libraryimport_nint"] = async r =>
        {
            long a = SparseAnon(2 * PageBytes), b = SparseAnon(2 * PageBytes); // where nothing maps again once they are gone
            r.ExpectSame("unmap 8192 bytes", r.Sync("Probe_unmap_wrapper", a, 2 * PageBytes), await r.Async(("addr", b), ("length", 2 * PageBytes)));
            r.ExpectSame("the pages are gone (mincore ENOMEM)", r.Sync("Probe_resident", a, 1L), Value(r.Sync("Probe_resident", b, 1L)));
            long c = Anon(r, 2 * PageBytes), d = Anon(r, 2 * PageBytes);
            r.ExpectSame("an address not page-aligned (EINVAL)", r.Sync("Probe_unmap_wrapper", c + 1, PageBytes), await r.Async(("addr", d + 1), ("length", PageBytes)));
            r.ExpectSame("length 0 (EINVAL)", r.Sync("Probe_unmap_wrapper", c, 0L), await r.Async(("addr", d), ("length", 0L)));
        },
        ["mem.mprotect_intptr_uintptr_enum"] = async r =>
        {
            long a = Anon(r, 2 * PageBytes), b = Anon(r, 2 * PageBytes);
            r.ExpectSame("the first page read-only", r.Sync("Probe_mprotect", a, PageBytes, 1), await r.Async(("addr", b), ("len", PageBytes), ("prot", 1)));
            r.ExpectSame("its protection after", r.Sync("Probe_perms", a), Value(r.Sync("Probe_perms", b)));
            r.ExpectSame("the second page's protection after", r.Sync("Probe_perms", a + PageBytes), Value(r.Sync("Probe_perms", b + PageBytes)));
            r.ExpectSame("an address not page-aligned (EINVAL)", r.Sync("Probe_mprotect", a + 1, PageBytes, 1), await r.Async(("addr", b + 1), ("len", PageBytes), ("prot", 1)));
            r.ExpectSame("unknown protection bits (EINVAL)", r.Sync("Probe_mprotect", a, PageBytes, 0x10000), await r.Async(("addr", b), ("len", PageBytes), ("prot", 0x10000)));
            long gone = Unmapped(r, PageBytes);
            r.ExpectSame("a range not mapped (ENOMEM)", r.Sync("Probe_mprotect", gone, PageBytes, 1), await r.Async(("addr", gone), ("len", PageBytes), ("prot", 1)));
        },
        ["mem.madvise_ordinary_span"] = async r =>
        {
            long a = Anon(r, 2 * PageBytes), b = Anon(r, 2 * PageBytes);
            FillBytes(a, 2 * PageBytes, 0x5a);
            FillBytes(b, 2 * PageBytes, 0x5a);
            object region = RegionMemory(r, b, (int)(2 * PageBytes), "region");
            r.ExpectSame("MADV_DONTNEED on a private anonymous map", r.Sync("Probe_advise_native", a, (int)(2 * PageBytes), 4), await r.Async(("region", region), ("advice", 4)));
            r.ExpectSame("the first 8 bytes after (zero-filled again)", Marshal.ReadInt64((nint)a), Value(Marshal.ReadInt64((nint)b)));
            r.ExpectSame("MADV_WILLNEED", r.Sync("Probe_advise_native", a, (int)(2 * PageBytes), 3), await r.Async(("region", region), ("advice", 3)));
            r.ExpectSame("an unknown advice over managed memory (EINVAL)", r.Sync("Probe_advise_array", new byte[64], 99), await r.Async(("region", new byte[64]), ("advice", 99)));
        },
        ["mem.madvise_ordinary_negative_errno"] = async r =>
        {
            long a = Anon(r, 2 * PageBytes), b = Anon(r, 2 * PageBytes);
            FillBytes(a, 2 * PageBytes, 0x5a);
            FillBytes(b, 2 * PageBytes, 0x5a);
            r.ExpectSame("MADV_DONTNEED", r.Sync("Probe_advise_errno", a, 2 * PageBytes, 4), await r.Async(("address", b), ("length", 2 * PageBytes), ("advice", 4)));
            r.ExpectSame("the first 8 bytes after (zero-filled again)", Marshal.ReadInt64((nint)a), Value(Marshal.ReadInt64((nint)b)));
            r.ExpectSame("an unknown advice (-EINVAL)", r.Sync("Probe_advise_errno", a, PageBytes, 99), await r.Async(("address", b), ("length", PageBytes), ("advice", 99)));
            r.ExpectSame("an address not page-aligned (-EINVAL)", r.Sync("Probe_advise_errno", a + 1, PageBytes, 0), await r.Async(("address", b + 1), ("length", PageBytes), ("advice", 0)));
        },
        ["mem.mlock_readonlyspan_separate_length"] = async r =>
        {
            long a = Anon(r, 2 * PageBytes), b = Anon(r, 2 * PageBytes);
            object region = RegionMemory(r, b, (int)(2 * PageBytes), "addr");
            r.ExpectSame("lock 8192 bytes", r.Sync("Probe_lock", a, (int)(2 * PageBytes), 2 * PageBytes), await r.Async(("addr", region), ("len", 2 * PageBytes)));
            r.ExpectSame("the pages resident after mlock", r.Sync("Probe_resident", a, 2L), Value(r.Sync("Probe_resident", b, 2L)));
            r.ExpectSame("length 0", r.Sync("Probe_lock", a, (int)(2 * PageBytes), 0L), await r.Async(("addr", region), ("len", 0L)));
            long gone = Unmapped(r, PageBytes);
            r.ExpectSame("a range not mapped (ENOMEM)", r.Sync("Probe_lock", gone, (int)PageBytes, PageBytes), await r.Async(("addr", RegionMemory(r, gone, (int)PageBytes, "addr")), ("len", PageBytes)));
        },
        ["mem.mincore_span_vec"] = async r =>
        {
            long a = Anon(r, 3 * PageBytes), b = Anon(r, 3 * PageBytes);
            foreach (long page in new[] { 0L, 2L })
            {
                Marshal.WriteByte((nint)(a + (page * PageBytes)), 1);
                Marshal.WriteByte((nint)(b + (page * PageBytes)), 1);
            }

            byte[] sync = new byte[3], variant = new byte[3];
            r.ExpectSame("mincore of 3 pages (the first and last touched)", r.Sync("Probe_mincore", a, 3 * PageBytes, sync), await r.Async(("addr", b), ("length", 3 * PageBytes), ("vec", variant)));
            r.ExpectBytes("residency (low bit of each byte)", sync.Select(x => (byte)(x & 1)).ToArray(), variant.Select(x => (byte)(x & 1)).ToArray());
            r.ExpectSame("an address not page-aligned (EINVAL)", r.Sync("Probe_mincore", a + 1, PageBytes, sync), await r.Async(("addr", b + 1), ("length", PageBytes), ("vec", variant)));
            long gone = Unmapped(r, PageBytes);
            r.ExpectSame("a range not mapped (ENOMEM)", r.Sync("Probe_mincore", gone, PageBytes, sync), await r.Async(("addr", gone), ("length", PageBytes), ("vec", variant)));
        },
        ["mem.msync_libraryimport_flags_enum"] = async r =>
        {
            int fa = r.OpenFile("msync-a", new byte[PageBytes]), fb = r.OpenFile("msync-b", new byte[PageBytes]);
            long a = r.Sync("Probe_map_file", fa, PageBytes), b = r.Sync("Probe_map_file", fb, PageBytes);
            r.Track(new MappingCleanup(a, PageBytes));
            r.Track(new MappingCleanup(b, PageBytes));
            Marshal.WriteInt64((nint)a, 0x6867666564636261);
            Marshal.WriteInt64((nint)b, 0x6867666564636261);
            r.ExpectSame("MS_SYNC of a shared file map", r.Sync("Probe_msync", a, PageBytes, 4), await r.Async(("addr", b), ("length", PageBytes), ("flags", 4)));
            r.ExpectBytes("the files after", File.ReadAllBytes(Path.Combine(r.Directory, "msync-a")), File.ReadAllBytes(Path.Combine(r.Directory, "msync-b")));
            r.ExpectSame("MS_ASYNC and MS_SYNC together (EINVAL)", r.Sync("Probe_msync", a, PageBytes, 5), await r.Async(("addr", b), ("length", PageBytes), ("flags", 5)));
            r.ExpectSame("an address not page-aligned (EINVAL)", r.Sync("Probe_msync", a + 1, PageBytes, 4), await r.Async(("addr", b + 1), ("length", PageBytes), ("flags", 4)));
            long gone = Unmapped(r, PageBytes);
            r.ExpectSame("a range not mapped (ENOMEM)", r.Sync("Probe_msync", gone, PageBytes, 4), await r.Async(("addr", gone), ("length", PageBytes), ("flags", 4)));
        },
        ["mem.mremap_nint_maymove"] = async r =>
        {
            long a = r.Sync("Probe_map_anon", PageBytes), b = r.Sync("Probe_map_anon", PageBytes);
            Marshal.WriteInt64((nint)a, 0x1122334455667788);
            Marshal.WriteInt64((nint)b, 0x1122334455667788);
            ExpectMapped(r, "grow a page to two, MREMAP_MAYMOVE", r.Sync("Probe_mremap", a, PageBytes, 2 * PageBytes, 1), await r.Async(("old_address", b), ("old_size", PageBytes), ("new_size", 2 * PageBytes), ("flags", 1)), 2 * PageBytes);
            long c = Anon(r, PageBytes), d = Anon(r, PageBytes);
            r.ExpectSame("unknown flags (EINVAL)", r.Sync("Probe_mremap", c, PageBytes, 2 * PageBytes, 0x80), await r.Async(("old_address", d), ("old_size", PageBytes), ("new_size", 2 * PageBytes), ("flags", 0x80)));
            r.ExpectSame("an address not page-aligned (EINVAL)", r.Sync("Probe_mremap", c + 1, PageBytes, 2 * PageBytes, 1), await r.Async(("old_address", d + 1), ("old_size", PageBytes), ("new_size", 2 * PageBytes), ("flags", 1)));
        },
        ["mem.region_instance_protect"] = async r =>
        {
            long a = Anon(r, 2 * PageBytes), b = Anon(r, 2 * PageBytes);
            object region = r.NewObject("HeldOut.Mappings.MappedRegion", (nint)b, (nuint)(2 * PageBytes));
            r.ExpectSame("Protect(Read)", r.Sync("Probe_region_protect", a, 2 * PageBytes, 1), await r.AsyncOn(region, ("protection", 1)));
            r.ExpectSame("the protection after", r.Sync("Probe_perms", a), Value(r.Sync("Probe_perms", b)));
            r.ExpectSame("unknown protection bits (EINVAL)", r.Sync("Probe_region_protect", a, 2 * PageBytes, 0x10000), await r.AsyncOn(region, ("protection", 0x10000)));
        },
        ["mem.region_instance_advise"] = async r =>
        {
            long a = Anon(r, 2 * PageBytes), b = Anon(r, 2 * PageBytes);
            FillBytes(a, 2 * PageBytes, 0x5a);
            FillBytes(b, 2 * PageBytes, 0x5a);
            object region = r.NewObject("HeldOut.Mappings.MappedRegion", (nint)b, (nuint)(2 * PageBytes));
            r.ExpectSame("Advise(DontNeed)", r.Sync("Probe_region_advise", a, 2 * PageBytes, 4), await r.AsyncOn(region, ("advice", 4)));
            r.ExpectSame("the first 8 bytes after (zero-filled again)", Marshal.ReadInt64((nint)a), Value(Marshal.ReadInt64((nint)b)));
            r.ExpectSame("an unknown advice (EINVAL)", r.Sync("Probe_region_advise", a, 2 * PageBytes, 99), await r.AsyncOn(region, ("advice", 99)));
        },
        ["mem.memfd_create_utf8_flags_enum"] = async r =>
        {
            foreach (string name in new[] { "held-out-memfd", "päge-ü" })
            {
                ExpectNewDescriptor(r, "memfd '" + name + "', MFD_CLOEXEC", r.Sync("Probe_memfd", name, 1), await r.Async(("name", name), ("flags", 1)), LinkOf);
            }

            string tooLong = new('n', 250);
            ExpectNewDescriptor(r, "a 250-byte name (EINVAL)", r.Sync("Probe_memfd", tooLong, 1), await r.Async(("name", tooLong), ("flags", 1)), LinkOf);
            ExpectNewDescriptor(r, "unknown flags (EINVAL)", r.Sync("Probe_memfd", "x", 0x40000000), await r.Async(("name", "x"), ("flags", 0x40000000)), LinkOf);
        },
        ["mem.memfd_create_safefilehandle_result"] = async r =>
        {
            ExpectNewDescriptor(r, "memfd 'handle'", r.Sync("Probe_memfd_handle", "handle", 1u), await r.Async(("name", "handle"), ("flags", 1u)), LinkOf);
            ExpectNewDescriptor(r, "unknown flags (EINVAL)", r.Sync("Probe_memfd_handle", "handle", 0x40000000u), await r.Async(("name", "handle"), ("flags", 0x40000000u)), LinkOf);
        },
        ["mem.memfd_create_nullable_name_default_flags"] = async r =>
        {
            ExpectNewDescriptor(r, "memfd 'x', flags by default (MFD_CLOEXEC)", r.Sync("Probe_memfd_default", "x"), await r.Async(("name", "x")), LinkOf, fd => r.Sync("Probe_fd_flags", (int)fd));
            ExpectNewDescriptor(r, "a null name (EFAULT)", r.Sync("Probe_memfd_default", new object?[] { null }), await r.Async(("name", null)), LinkOf);
        },
        ["mem.memfd_sized_ordinary"] = async r =>
        {
            ExpectNewDescriptor(r, "memfd 'sized' of 12345 bytes", r.Sync("Probe_memfd_sized", "sized", 12345L), await r.Async(("name", "sized"), ("size", 12345L)), LinkOf, fd => r.Sync("Probe_size", (int)fd));
            ExpectNewDescriptor(r, "size -1 (EINVAL, the descriptor closed)", r.Sync("Probe_memfd_sized", "sized", -1L), await r.Async(("name", "sized"), ("size", -1L)), LinkOf);
        },
    };

    /// <summary>Two files with the same user.* attributes, one for the sync wrapper, one for the variant.</summary>
    private static (string A, string B) Tagged(HeldOutRun r, string name, params (string Name, string Value)[] attributes)
    {
        string a = Path.Combine(r.Directory, name + "-a"), b = Path.Combine(r.Directory, name + "-b");
        File.WriteAllBytes(a, Content);
        File.WriteAllBytes(b, Content);
        foreach ((string attribute, string value) in attributes)
        {
            foreach (string path in new[] { a, b })
            {
                if (r.Sync("Probe_setx", path, attribute, Encoding.UTF8.GetBytes(value)) != 0)
                {
                    throw new InvalidOperationException("setxattr " + attribute + " on " + path + " failed; the run is wrong");
                }
            }
        }

        return (a, b);
    }

    private static (string A, string B) Symlinks(HeldOutRun r, string name, string a, string b)
    {
        string la = Path.Combine(r.Directory, name + "-link-a"), lb = Path.Combine(r.Directory, name + "-link-b");
        File.CreateSymbolicLink(la, a);
        File.CreateSymbolicLink(lb, b);
        return (la, lb);
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> AttributeRuns() => new()
    {
        ["xattr.getxattr_span_separate_size"] = async r =>
        {
            (string a, string b) = Tagged(r, "gx-span", ("user.color", "turquoise"));
            (string, object?)[] Args(string path, string name, byte[] value, long size) => new (string, object?)[] { ("path", path), ("name", name), ("value", value), ("size", size) };
            r.ExpectSame("size 0 asks the size", r.Sync("Probe_getxattr_span", a, "user.color", Array.Empty<byte>(), 0L), await r.Async(Args(b, "user.color", Array.Empty<byte>(), 0L)));
            byte[] sync = new byte[64], variant = new byte[64];
            r.ExpectSame("into 64 bytes", r.Sync("Probe_getxattr_span", a, "user.color", sync, 64L), await r.Async(Args(b, "user.color", variant, 64L)));
            r.ExpectBytes("the value", sync, variant);
            r.ExpectSame("a 4-byte buffer (ERANGE)", r.Sync("Probe_getxattr_span", a, "user.color", new byte[4], 4L), await r.Async(Args(b, "user.color", new byte[4], 4L)));
            r.ExpectSame("a missing attribute (ENODATA)", r.Sync("Probe_getxattr_span", a, "user.none", sync, 64L), await r.Async(Args(b, "user.none", variant, 64L)));
            string missing = Path.Combine(r.Directory, "gx-missing");
            r.ExpectSame("a missing file (ENOENT)", r.Sync("Probe_getxattr_span", missing, "user.color", sync, 64L), await r.Async(Args(missing, "user.color", variant, 64L)));
        },
        ["xattr.lgetxattr_utf8_span_name"] = async r =>
        {
            (string a, string b) = Tagged(r, "lgx-name", ("user.color", "turquoise"));
            byte[] raw = Encoding.UTF8.GetBytes("user.color\0");
            object name = r.ParameterType("name") == "string" ? "user.color" : raw;
            byte[] sync = new byte[64], variant = new byte[64];
            r.ExpectSame("by a NUL-terminated UTF-8 name", r.Sync("Probe_lgetxattr_rawname", a, raw, sync, 64L), await r.Async(("path", b), ("name", name), ("value", variant), ("size", 64L)));
            r.ExpectBytes("the value", sync, variant);
            (string la, string lb) = Symlinks(r, "lgx-name", a, b);
            r.ExpectSame("the symlink itself (ENODATA)", r.Sync("Probe_lgetxattr_rawname", la, raw, sync, 64L), await r.Async(("path", lb), ("name", name), ("value", variant), ("size", 64L)));
        },
        ["xattr.fgetxattr_out_int_value"] = async r =>
        {
            (string a, string b) = Tagged(r, "fgx-int", ("user.count", "*\0\0\0"));
            int fa = r.OpenExisting(a), fb = r.OpenExisting(b);
            VariantOutcome v = await r.Async(("fd", fb), ("name", "user.count"), ("size", 4L));
            r.ExpectSame("a 4-byte value", r.Sync("Probe_fgetxattr_int", fa, "user.count", 4L), v);
            SameValue(r, "the value written (42)", r.Sync("Probe_fgetxattr_int_value", fa, "user.count"), v, "value");
            r.ExpectSame("a size of 2 (ERANGE)", r.Sync("Probe_fgetxattr_int", fa, "user.count", 2L), await r.Async(("fd", fb), ("name", "user.count"), ("size", 2L)));
            r.ExpectSame("a missing attribute (ENODATA)", r.Sync("Probe_fgetxattr_int", fa, "user.none", 4L), await r.Async(("fd", fb), ("name", "user.none"), ("size", 4L)));
            r.ExpectBadFd(r.Sync("Probe_fgetxattr_int", HeldOutRun.NotAnOpenFd, "user.count", 4L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("name", "user.count"), ("size", 4L)));
        },
        ["xattr.fsetxattr_text_ordinary"] = async r =>
        {
            (string a, string b) = Tagged(r, "fsx-text");
            int fa = r.OpenExisting(a), fb = r.OpenExisting(b);
            (string, object?)[] Args(int fd, string name, string text, int flags) => new (string, object?)[] { ("file", fd), ("name", name), ("text", text), ("flags", flags) };
            r.ExpectSame("set user.note (XATTR_CREATE)", r.Sync("Probe_set_text", fa, "user.note", "grün", 1), await r.Async(Args(fb, "user.note", "grün", 1)));
            byte[] sync = new byte[64], variant = new byte[64];
            r.ExpectSame("the value's length after", r.Sync("Probe_getx", a, "user.note", sync), Value(r.Sync("Probe_getx", b, "user.note", variant)));
            r.ExpectBytes("the value after", sync, variant);
            r.ExpectSame("XATTR_CREATE again (EEXIST)", r.Sync("Probe_set_text", fa, "user.note", "grün", 1), await r.Async(Args(fb, "user.note", "grün", 1)));
            r.ExpectSame("XATTR_REPLACE of a missing one (ENODATA)", r.Sync("Probe_set_text", fa, "user.none", "x", 2), await r.Async(Args(fb, "user.none", "x", 2)));
            r.ExpectSame("a name without a namespace (EOPNOTSUPP)", r.Sync("Probe_set_text", fa, "plain", "x", 0), await r.Async(Args(fb, "plain", "x", 0)));
        },
        ["xattr.setxattr_array_int_size_default_flags"] = async r =>
        {
            (string a, string b) = Tagged(r, "sx-int");
            byte[] data = Encoding.ASCII.GetBytes("abcde");
            r.ExpectSame("5 bytes, flags by default", r.Sync("Probe_setxattr", a, "user.five", data, 5, 0), await r.Async(("path", b), ("name", "user.five"), ("value", data), ("size", 5)));
            r.ExpectSame("the length stored", r.Sync("Probe_getx_len", a, "user.five"), Value(r.Sync("Probe_getx_len", b, "user.five")));
            r.ExpectSame("3 of the 5 bytes", r.Sync("Probe_setxattr", a, "user.three", data, 3, 0), await r.Async(("path", b), ("name", "user.three"), ("value", data), ("size", 3)));
            r.ExpectSame("the length stored", r.Sync("Probe_getx_len", a, "user.three"), Value(r.Sync("Probe_getx_len", b, "user.three")));
            r.ExpectSame("XATTR_CREATE of an existing one (EEXIST)", r.Sync("Probe_setxattr", a, "user.five", data, 5, 1), await r.Async(("path", b), ("name", "user.five"), ("value", data), ("size", 5), ("flags", 1)));
            string missing = Path.Combine(r.Directory, "sx-missing");
            r.ExpectSame("a missing file (ENOENT)", r.Sync("Probe_setxattr", missing, "user.five", data, 5, 0), await r.Async(("path", missing), ("name", "user.five"), ("value", data), ("size", 5)));
        },
        ["xattr.llistxattr_nullable_array"] = async r =>
        {
            (string a, string b) = Tagged(r, "llx", ("user.a", "1"), ("user.bb", "2"));
            r.ExpectSame("NULL and 0 ask the size", r.Sync("Probe_llistxattr", a, null, 0L), await r.Async(("path", b), ("list", null), ("size", 0L)));
            byte[] sync = new byte[64], variant = new byte[64];
            r.ExpectSame("into 64 bytes", r.Sync("Probe_llistxattr", a, sync, 64L), await r.Async(("path", b), ("list", variant), ("size", 64L)));
            r.ExpectBytes("the names", sync, variant);
            r.ExpectSame("a 4-byte list (ERANGE)", r.Sync("Probe_llistxattr", a, new byte[4], 4L), await r.Async(("path", b), ("list", new byte[4]), ("size", 4L)));
            (string la, string lb) = Symlinks(r, "llx", a, b);
            r.ExpectSame("the symlink itself", r.Sync("Probe_llistxattr", la, sync, 64L), await r.Async(("path", lb), ("list", variant), ("size", 64L)));
            string missing = Path.Combine(r.Directory, "llx-missing");
            r.ExpectSame("a missing path (ENOENT)", r.Sync("Probe_llistxattr", missing, sync, 64L), await r.Async(("path", missing), ("list", variant), ("size", 64L)));
        },
        ["xattr.lremovexattr_libraryimport"] = async r =>
        {
            (string a, string b) = Tagged(r, "lrx", ("user.gone", "soon"));
            r.ExpectSame("remove user.gone", r.Sync("Probe_lremovexattr", a, "user.gone"), await r.Async(("path", b), ("name", "user.gone")));
            r.ExpectSame("read after (ENODATA)", r.Sync("Probe_getx_len", a, "user.gone"), Value(r.Sync("Probe_getx_len", b, "user.gone")));
            r.ExpectSame("remove again (ENODATA)", r.Sync("Probe_lremovexattr", a, "user.gone"), await r.Async(("path", b), ("name", "user.gone")));
        },
        ["xattr.read_attribute_ordinary_bytes_result"] = async r =>
        {
            (string a, string b) = Tagged(r, "rab", ("user.color", "turquoise"));
            const string Probes = "HeldOut.Mappings.MappingProbes";
            foreach ((string what, string name) in new[] { ("an attribute", "user.color"), ("a missing attribute (null)", "user.none") })
            {
                long sync = r.Sync("Probe_read_attribute", a, name);
                byte[]? syncBytes = (byte[]?)r.CallStatic(Probes, "TakeBytes");
                VariantOutcome v = await r.Async(("path", b), ("name", name));
                r.Row.Runs.Add(what + ": sync " + sync + ", async " + v);
                if (v.Errno is not null || v.Other is not null || v.Result is not (null or byte[]) || (syncBytes is null) != (v.Result is null)
                    || syncBytes is not null && !syncBytes.AsSpan().SequenceEqual((byte[])v.Result!))
                {
                    r.Row.Problems.Add(what + ": the variant " + v + " where the sync wrapper returned " + (syncBytes is null ? "null" : Convert.ToHexString(syncBytes)));
                }
            }

            string missing = Path.Combine(r.Directory, "rab-missing");
            ExpectSameThrow(r, Probes, "a missing file (Win32Exception ENOENT)", r.Sync("Probe_read_attribute", missing, "user.color"), await r.Async(("path", missing), ("name", "user.color")));
        },
        ["xattr.read_into_memory_ordinary"] = async r =>
        {
            (string a, string b) = Tagged(r, "rim", ("user.color", "turquoise"));
            int fa = r.OpenExisting(a), fb = r.OpenExisting(b);
            byte[] sync = new byte[64], variant = new byte[64];
            r.ExpectSame("into 64 bytes", r.Sync("Probe_read_into", fa, "user.color", sync), await r.Async(("file", fb), ("name", "user.color"), ("value", variant)));
            r.ExpectBytes("the value", sync, variant);
            r.ExpectSame("an empty memory asks the size", r.Sync("Probe_read_into", fa, "user.color", Array.Empty<byte>()), await r.Async(("file", fb), ("name", "user.color"), ("value", Array.Empty<byte>())));
            r.ExpectSame("4 bytes (ERANGE)", r.Sync("Probe_read_into", fa, "user.color", new byte[4]), await r.Async(("file", fb), ("name", "user.color"), ("value", new byte[4])));
            r.ExpectBadFd(r.Sync("Probe_read_into", HeldOutRun.NotAnOpenFd, "user.color", sync), await r.Async(("file", HeldOutRun.NotAnOpenFd), ("name", "user.color"), ("value", variant)));
        },
        ["xattr.getxattr_stringbuilder"] = async r =>
        {
            (string a, string b) = Tagged(r, "gxt", ("user.color", "turquoise"));
            long sync = r.Sync("Probe_getxattr_text", a, "user.color", 64);
            string? syncText = (string?)r.CallStatic("HeldOut.Mappings.MappingProbes", "TakeText");
            var builder = new StringBuilder(64);
            VariantOutcome v = await r.Async(("path", b), ("name", "user.color"), ("value", builder), ("size", 64L));
            r.ExpectSame("into a builder of 64", sync, v);
            string text = builder.ToString();
            string variantText = v.Number is long n && n > 0 ? text.Substring(0, (int)Math.Min(n, text.Length)) : "";
            if (variantText != syncText)
            {
                r.Row.Problems.Add("the builder holds '" + variantText + "' where the sync wrapper's holds '" + syncText + "'");
            }

            r.ExpectSame("a missing attribute (ENODATA)", r.Sync("Probe_getxattr_text", a, "user.none", 64), await r.Async(("path", b), ("name", "user.none"), ("value", new StringBuilder(64)), ("size", 64L)));
        },
        ["xattr.list_names_ordinary_string_array"] = async r =>
        {
            (string a, string b) = Tagged(r, "lno", ("user.a", "1"), ("user.bb", "2"));
            const string Probes = "HeldOut.Mappings.MappingProbes";
            long sync = r.Sync("Probe_list_names", a);
            string? syncText = (string?)r.CallStatic(Probes, "TakeText");
            VariantOutcome v = await r.Async(("path", b));
            string? variantText = v.Result is string[] names ? string.Join(",", names) : null;
            r.Row.Runs.Add("the names: sync " + sync + " '" + syncText + "', async " + v + " '" + variantText + "'");
            if (variantText != syncText)
            {
                r.Row.Problems.Add("the names: the variant " + v + " ('" + variantText + "') where the sync wrapper returned '" + syncText + "'");
            }

            string missing = Path.Combine(r.Directory, "lno-missing");
            ExpectSameThrow(r, Probes, "a missing path (Win32Exception ENOENT)", r.Sync("Probe_list_names", missing), await r.Async(("path", missing)));
        },
    };

    /// <summary>The pid a process descriptor refers to (its /proc/self/fdinfo "Pid:" line), or -1.</summary>
    private static long PidOfDescriptor(long fd)
    {
        try
        {
            string? line = File.ReadLines("/proc/self/fdinfo/" + fd).FirstOrDefault(l => l.StartsWith("Pid:", StringComparison.Ordinal));
            return line is null ? -1 : long.Parse(line.Substring(4).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    /// <summary>A descriptor the probe made (pidfd, eventfd, ...), closed when the test ends.</summary>
    private static int Made(HeldOutRun r, long fd, string what)
    {
        if (fd < 0)
        {
            throw new InvalidOperationException(what + " failed: " + fd + "; the run is wrong");
        }

        if (fd <= 2)
        {
            // A standard stream's number is the test host's, never a new descriptor: not taken over (its close would close
            // the host's stdin, stdout or stderr, and a later open anywhere in the process would get that number).
            r.Row.Problems.Add(what + " returned " + fd + ", a standard stream's number, as a new descriptor (left open)");
            return (int)fd;
        }

        r.Track(new Microsoft.Win32.SafeHandles.SafeFileHandle((IntPtr)fd, true));
        return (int)fd;
    }

    /// <summary>/bin/true spawned, and (not yet reaped) its pid.</summary>
    private static int SpawnTrue(HeldOutRun r)
    {
        long pid = r.Sync("Probe_spawn_true");
        if (pid <= 0)
        {
            throw new InvalidOperationException("posix_spawn /bin/true failed: " + pid + "; the run is wrong");
        }

        return (int)pid;
    }

    private static string SecondOpen(HeldOutRun r, string name, out int fd)
    {
        string path = Path.Combine(r.Directory, name);
        fd = Made(r, r.Sync("Probe_open_rw", path), "open " + name);
        return path;
    }

    /// <summary>flock(LOCK_EX | LOCK_NB): a descriptor not open, a free file, a file held through another open file.</summary>
    private static async Task FlockTwelfth(HeldOutRun r, string name, Func<int, long> sync, Func<int, Task<VariantOutcome>> variant)
    {
        r.ExpectBadFd(sync(HeldOutRun.NotAnOpenFd), await variant(HeldOutRun.NotAnOpenFd));
        int a = r.OpenFile(name + "-a", Content), b = r.OpenFile(name + "-b", Content);
        r.ExpectSame("a free file", sync(a), await variant(b));
        SecondOpen(r, name + "-a", out int otherA);
        SecondOpen(r, name + "-b", out int otherB);
        r.ExpectSame("held through another open file (EWOULDBLOCK)", sync(otherA), await variant(otherB));
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> LockAndProcessRuns() => new()
    {
        ["lock.flock_safehandle_enum_libraryimport"] = async r =>
        {
            await FlockTwelfth(r, "flk-enum", fd => r.Sync("Probe_flock", fd, 6), fd => r.Async(("fd", fd), ("operation", 6)));
            int a = r.OpenFile("flk-enum-zero-a", Content), b = r.OpenFile("flk-enum-zero-b", Content);
            r.ExpectSame("an operation of 0 (EINVAL)", r.Sync("Probe_flock", a, 0), await r.Async(("fd", b), ("operation", 0)));
        },
        ["lock.flock_nint_defaulted_flags"] = r => FlockTwelfth(r, "flk-default", fd => r.Sync("Probe_flock_default", fd), fd => r.Async(("fd", fd))),
        ["lock.fcntl_ofd_getlk_outputvalue"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_getlk", HeldOutRun.NotAnOpenFd, 36), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("cmd", 36)));
            int a = r.OpenFile("getlk-a", Content), b = r.OpenFile("getlk-b", Content);
            VariantOutcome free = await r.Async(("fd", b), ("cmd", 36));
            r.ExpectSame("F_OFD_GETLK of a free file", r.Sync("Probe_getlk", a, 36), free);
            SameValue(r, "l_type written (F_UNLCK)", r.Sync("Probe_getlk_type", a, 36), free, "l_type");
            SecondOpen(r, "getlk-a", out int holderA);
            SecondOpen(r, "getlk-b", out int holderB);
            r.Sync("Probe_ofd_lock", holderA, 1);
            r.Sync("Probe_ofd_lock", holderB, 1);
            VariantOutcome held = await r.Async(("fd", b), ("cmd", 36));
            r.ExpectSame("F_OFD_GETLK with a write lock held through another open file", r.Sync("Probe_getlk", a, 36), held);
            SameValue(r, "l_type written (F_WRLCK)", r.Sync("Probe_getlk_type", a, 36), held, "l_type");
        },
        ["lock.fcntl_setlk_in_flock"] = async r =>
        {
            object Lock(short type) => SetFields(r.NewObject("HeldOut.Objects.Flock"), ("l_type", type));
            int a = r.OpenFile("setlk-a", Content), b = r.OpenFile("setlk-b", Content);
            r.ExpectSame("F_OFD_SETLK, a write lock", r.Sync("Probe_setlk", a, 37, 1), await r.Async(("fd", b), ("cmd", 37), ("lk", Lock(1))));
            SecondOpen(r, "setlk-a", out int otherA);
            SecondOpen(r, "setlk-b", out int otherB);
            r.ExpectSame("a conflicting write lock through another open file (EAGAIN)", r.Sync("Probe_setlk", otherA, 37, 1), await r.Async(("fd", otherB), ("cmd", 37), ("lk", Lock(1))));
        },
        ["lock.fcntl_ofd_setlkw_ordinary_cancel_hook"] = async r =>
        {
            (string, object?)[] Args(int fd, long start, long length) => new (string, object?)[] { ("fd", fd), ("start", start), ("length", length), ("exclusive", true) };
            r.ExpectBadFd(r.Sync("Probe_lock_region", HeldOutRun.NotAnOpenFd, 0L, 100L, true), await r.Async(Args(HeldOutRun.NotAnOpenFd, 0, 100)));
            int a = r.OpenFile("setlkw-a", Content), b = r.OpenFile("setlkw-b", Content);
            r.ExpectSame("a free region", r.Sync("Probe_lock_region", a, 0L, 100L, true), await r.Async(Args(b, 0, 100)));
            r.ExpectSame("a negative start (EINVAL)", r.Sync("Probe_lock_region", a, -1L, 100L, true), await r.Async(Args(b, -1, 100)));
            // Held through the first open file: the sync call would wait for good, so only the variant runs, and its token ends it.
            SecondOpen(r, "setlkw-b", out int otherB);
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            VariantOutcome waited = await r.Async(Args(otherB, 0, 100).Append(("cancellationToken", (object?)cancel.Token)).ToArray());
            r.Row.Runs.Add("a region held through another open file, cancelled after 300 ms: async " + waited);
            if (waited.Other is not OperationCanceledException)
            {
                r.Row.Problems.Add("a blocked F_OFD_SETLKW whose token is cancelled: the variant " + waited + " where it must end with OperationCanceledException (the sync call waits)");
            }
        },
        ["lock.lockf_safehandle_enum_cmd"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_lockf", HeldOutRun.NotAnOpenFd, 2, 0L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("cmd", 2), ("len", 0L)));
            int a = r.OpenFile("lockf-a", Content), b = r.OpenFile("lockf-b", Content);
            r.ExpectSame("F_TLOCK of the whole file", r.Sync("Probe_lockf", a, 2, 0L), await r.Async(("fd", b), ("cmd", 2), ("len", 0L)));
            r.ExpectSame("F_TEST", r.Sync("Probe_lockf", a, 3, 0L), await r.Async(("fd", b), ("cmd", 3), ("len", 0L)));
            r.ExpectSame("an unknown command (EINVAL)", r.Sync("Probe_lockf", a, 99, 0L), await r.Async(("fd", b), ("cmd", 99), ("len", 0L)));
            r.ExpectSame("F_ULOCK", r.Sync("Probe_lockf", a, 0, 0L), await r.Async(("fd", b), ("cmd", 0), ("len", 0L)));
            int ra = Made(r, r.Sync("Probe_open_ro", Path.Combine(r.Directory, "lockf-a")), "open lockf-a read-only");
            int rb = Made(r, r.Sync("Probe_open_ro", Path.Combine(r.Directory, "lockf-b")), "open lockf-b read-only");
            r.ExpectSame("F_TLOCK through a read-only descriptor (EBADF)", r.Sync("Probe_lockf", ra, 2, 0L), await r.Async(("fd", rb), ("cmd", 2), ("len", 0L)));
        },
        ["pid.pidfd_open_syscall_number_param"] = async r =>
        {
            int self = Environment.ProcessId;
            ExpectNewDescriptor(r, "pidfd_open of this process", r.Sync("Probe_pidfd_open", 434L, self, 0u), await r.Async(("number", 434L), ("pid", self), ("flags", 0u)), fd => "pid " + PidOfDescriptor(fd));
            ExpectNewDescriptor(r, "no such process (ESRCH)", r.Sync("Probe_pidfd_open", 434L, NoSuchPid, 0u), await r.Async(("number", 434L), ("pid", NoSuchPid), ("flags", 0u)), fd => "pid " + PidOfDescriptor(fd));
            ExpectNewDescriptor(r, "unknown flags (EINVAL)", r.Sync("Probe_pidfd_open", 434L, self, 1u), await r.Async(("number", 434L), ("pid", self), ("flags", 1u)), fd => "pid " + PidOfDescriptor(fd));
        },
        ["pid.pidfd_send_signal_ordinary_const"] = async r =>
        {
            int a = Made(r, r.Sync("Probe_pidfd_open_raw", Environment.ProcessId), "pidfd_open"), b = Made(r, r.Sync("Probe_pidfd_open_raw", Environment.ProcessId), "pidfd_open");
            r.ExpectSame("signal 0 to this process", r.Sync("Probe_send_signal", a, 0), await r.Async(("pidfd", b), ("signal", 0)));
            r.ExpectSame("an invalid signal (EINVAL)", r.Sync("Probe_send_signal", a, 999), await r.Async(("pidfd", b), ("signal", 999)));
            r.ExpectBadFd(r.Sync("Probe_send_signal", HeldOutRun.NotAnOpenFd, 0), await r.Async(("pidfd", HeldOutRun.NotAnOpenFd), ("signal", 0)));
            int c1 = SpawnTrue(r), c2 = SpawnTrue(r);
            int p1 = Made(r, r.Sync("Probe_pidfd_open_raw", c1), "pidfd_open of a child"), p2 = Made(r, r.Sync("Probe_pidfd_open_raw", c2), "pidfd_open of a child");
            r.Sync("Probe_reap", c1);
            r.Sync("Probe_reap", c2);
            r.ExpectSame("a child that exited and was reaped (ESRCH)", r.Sync("Probe_send_signal", p1, 0), await r.Async(("pidfd", p2), ("signal", 0)));
        },
        ["pid.pidfd_getfd_libraryimport_syscall"] = async r =>
        {
            int a = Made(r, r.Sync("Probe_pidfd_open_raw", Environment.ProcessId), "pidfd_open"), b = Made(r, r.Sync("Probe_pidfd_open_raw", Environment.ProcessId), "pidfd_open");
            int ta = r.OpenFile("getfd-a", Content), tb = r.OpenFile("getfd-b", Content);
            string fileA = LinkOf(ta), fileB = LinkOf(tb);
            // Each copy must name its own target: described as "the target" or as what it names instead.
            ExpectNewDescriptor(r, "a copy of a file descriptor of this process", r.Sync("Probe_pidfd_getfd", 438L, a, ta, 0u), await r.Async(("number", 438L), ("pidfd", b), ("targetfd", tb), ("flags", 0u)),
                fd => LinkOf(fd) == fileA || LinkOf(fd) == fileB ? "the target" : LinkOf(fd));
            ExpectNewDescriptor(r, "a target not open (EBADF)", r.Sync("Probe_pidfd_getfd", 438L, a, HeldOutRun.NotAnOpenFd, 0u), await r.Async(("number", 438L), ("pidfd", b), ("targetfd", HeldOutRun.NotAnOpenFd), ("flags", 0u)), LinkOf);
            ExpectNewDescriptor(r, "unknown flags (EINVAL)", r.Sync("Probe_pidfd_getfd", 438L, a, ta, 1u), await r.Async(("number", 438L), ("pidfd", b), ("targetfd", tb), ("flags", 1u)), LinkOf);
        },
        ["pid.waitid_pidfd_out_siginfo"] = async r =>
        {
            int c1 = SpawnTrue(r), c2 = SpawnTrue(r);
            int p1 = Made(r, r.Sync("Probe_pidfd_open_raw", c1), "pidfd_open of a child"), p2 = Made(r, r.Sync("Probe_pidfd_open_raw", c2), "pidfd_open of a child");
            const string State = "HeldOut.Objects.ObjectProbeState";
            long sync = r.Sync("Probe_waitid", 3, (uint)p1, 4);
            long syncPid = (long)r.CallStatic(State, "TakeInfo", 0)!, syncStatus = (long)r.CallStatic(State, "TakeInfo", 1)!, syncCode = (long)r.CallStatic(State, "TakeInfo", 2)!;
            VariantOutcome v = await r.Async(("idtype", 3), ("id", (uint)p2), ("options", 4));
            r.ExpectSame("the child's exit, by its pidfd (WEXITED)", sync, v);
            r.ExpectSame("si_pid is the waited child's", syncPid == c1 ? 1 : 0, Value(HeldOutRun.Member(v.Result, "si_pid") == c2 ? 1 : 0));
            SameValue(r, "si_status (0)", syncStatus, v, "si_status");
            SameValue(r, "si_code (CLD_EXITED)", syncCode, v, "si_code");
            r.ExpectSame("the reaped child again (ECHILD)", r.Sync("Probe_waitid", 3, (uint)p1, 4), await r.Async(("idtype", 3), ("id", (uint)p2), ("options", 4)));
            r.ExpectSame("no options (EINVAL)", r.Sync("Probe_waitid", 3, (uint)p1, 0), await r.Async(("idtype", 3), ("id", (uint)p2), ("options", 0)));
            r.ExpectSame("a pidfd not open (EBADF)", r.Sync("Probe_waitid", 3, (uint)HeldOutRun.NotAnOpenFd, 4), await r.Async(("idtype", 3), ("id", (uint)HeldOutRun.NotAnOpenFd), ("options", 4)));
        },
        ["pid.process_instance_signal"] = async r =>
        {
            int a = Made(r, r.Sync("Probe_pidfd_open_raw", Environment.ProcessId), "pidfd_open"), b = Made(r, r.Sync("Probe_pidfd_open_raw", Environment.ProcessId), "pidfd_open");
            object descriptor = r.NewObject("HeldOut.Objects.ProcessDescriptor", b);
            r.ExpectSame("signal 0 to this process", r.Sync("Probe_instance_signal", a, 0), await r.AsyncOn(descriptor, ("signal", 0)));
            r.ExpectSame("an invalid signal (EINVAL)", r.Sync("Probe_instance_signal", a, 999), await r.AsyncOn(descriptor, ("signal", 999)));
            r.ExpectBadFd(r.Sync("Probe_instance_signal", HeldOutRun.NotAnOpenFd, 0), await r.AsyncOn(r.NewObject("HeldOut.Objects.ProcessDescriptor", HeldOutRun.NotAnOpenFd), ("signal", 0)));
        },
    };

    /// <summary>
    /// A buffer for a variant's parameter that the kernel fills with one 8-byte counter: ulong[1] where it takes ulongs, else
    /// 8 bytes; and how to read the counter back from it.
    /// </summary>
    private static (object Buffer, Func<long> Read) CounterBuffer(HeldOutRun r, string parameter)
    {
        if (r.ParameterType(parameter) is string type && type.Contains("ulong", StringComparison.Ordinal))
        {
            ulong[] cell = new ulong[1];
            return (cell, () => (long)cell[0]);
        }

        byte[] bytes = new byte[8];
        return (bytes, () => BitConverter.ToInt64(bytes));
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> EventAndHandleRuns() => new()
    {
        ["evt.signalfd_read_out_siginfo"] = async r =>
        {
            int a = Made(r, r.Sync("Probe_signalfd", 12), "signalfd"), b = Made(r, r.Sync("Probe_signalfd", 12), "signalfd");
            r.ExpectSame("nothing pending on a non-blocking signalfd (EAGAIN)", r.Sync("Probe_read_signal", a, 128L), await r.Async(("fd", b), ("count", 128L)));
            r.ExpectSame("a count below the siginfo's 128 bytes (EINVAL)", r.Sync("Probe_read_signal", a, 64L), await r.Async(("fd", b), ("count", 64L)));
            r.ExpectBadFd(r.Sync("Probe_read_signal", HeldOutRun.NotAnOpenFd, 128L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("count", 128L)));
        },
        ["evt.timerfd_read_ulong_pointer"] = async r =>
        {
            int a = Made(r, r.Sync("Probe_timerfd", true), "timerfd"), b = Made(r, r.Sync("Probe_timerfd", true), "timerfd");
            await Task.Delay(20);
            (object buffer, Func<long> read) = CounterBuffer(r, "expirations");
            long sync = r.Sync("Probe_read_expirations", a, 8L);
            long syncValue = (long)r.CallStatic("HeldOut.Objects.ObjectProbeState", "TakeValue")!;
            VariantOutcome v = await r.Async(("fd", b), ("expirations", buffer), ("size", 8L));
            r.ExpectSame("an expired timer: 8 bytes", sync, v);
            r.ExpectSame("the expirations read (1)", syncValue, Value(r.ParameterType("expirations") is null ? HeldOutRun.Member(v.Result, "expirations") ?? -1 : read()));
            r.ExpectSame("nothing expired since (EAGAIN)", r.Sync("Probe_read_expirations", a, 8L), await r.Async(("fd", b), ("expirations", CounterBuffer(r, "expirations").Buffer), ("size", 8L)));
            int ia = Made(r, r.Sync("Probe_timerfd", true), "timerfd"), ib = Made(r, r.Sync("Probe_timerfd", true), "timerfd");
            await Task.Delay(20);
            if (r.ParameterType("size") is null && r.ParameterType("expirations") is string type && type.Contains("ulong", StringComparison.Ordinal))
            {
                r.Row.Runs.Add("a size of 4: not asked (the variant takes its size from a buffer of ulongs)");
            }
            else
            {
                object small = r.ParameterType("size") is null ? new byte[4] : CounterBuffer(r, "expirations").Buffer;
                r.ExpectSame("a size of 4 (EINVAL)", r.Sync("Probe_read_expirations", ia, 4L), await r.Async(("fd", ib), ("expirations", small), ("size", 4L)));
            }
        },
        ["evt.eventfd_read_span_ulong"] = async r =>
        {
            int a = Made(r, r.Sync("Probe_eventfd", 5L), "eventfd"), b = Made(r, r.Sync("Probe_eventfd", 5L), "eventfd");
            (object buffer, Func<long> read) = CounterBuffer(r, "value");
            long sync = r.Sync("Probe_read_counter", a, 8L);
            long syncValue = (long)r.CallStatic("HeldOut.Objects.ObjectProbeState", "TakeValue")!;
            r.ExpectSame("read the counter (8 bytes)", sync, await r.Async(("fd", b), ("value", buffer), ("count", 8L)));
            r.ExpectSame("the counter read (5)", syncValue, Value(read()));
            r.ExpectSame("read again: zero (EAGAIN)", r.Sync("Probe_read_counter", a, 8L), await r.Async(("fd", b), ("value", CounterBuffer(r, "value").Buffer), ("count", 8L)));
            r.Sync("Probe_write_counter", a, 2L, 8L);
            r.Sync("Probe_write_counter", b, 2L, 8L);
            if (r.ParameterType("count") is null && r.ParameterType("value") is string type && type.Contains("ulong", StringComparison.Ordinal))
            {
                r.Row.Runs.Add("a count of 4: not asked (the variant takes its count from a buffer of ulongs)");
            }
            else
            {
                object small = r.ParameterType("count") is null ? new byte[4] : CounterBuffer(r, "value").Buffer;
                r.ExpectSame("a count of 4 (EINVAL)", r.Sync("Probe_read_counter", a, 4L), await r.Async(("fd", b), ("value", small), ("count", 4L)));
            }

            r.ExpectBadFd(r.Sync("Probe_read_counter", HeldOutRun.NotAnOpenFd, 8L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("value", CounterBuffer(r, "value").Buffer), ("count", 8L)));
        },
        ["evt.eventfd_write_in_ulong"] = async r =>
        {
            int a = Made(r, r.Sync("Probe_eventfd", 0L), "eventfd"), b = Made(r, r.Sync("Probe_eventfd", 0L), "eventfd");
            r.ExpectSame("write 3", r.Sync("Probe_write_counter", a, 3L, 8L), await r.Async(("fd", b), ("value", 3L), ("count", 8L)));
            r.ExpectSame("the counter after", r.Sync("Probe_eventfd_value", a), Value(r.Sync("Probe_eventfd_value", b)));
            r.ExpectSame("the all-ones value (EINVAL)", r.Sync("Probe_write_counter", a, -1L, 8L), await r.Async(("fd", b), ("value", -1L), ("count", 8L)));
        },
        ["evt.inotify_read_nonblocking_voidptr"] = async r =>
        {
            int a = Made(r, r.Sync("Probe_inotify"), "inotify_init1"), b = Made(r, r.Sync("Probe_inotify"), "inotify_init1");
            string da = Directory.CreateDirectory(Path.Combine(r.Directory, "inotify-a")).FullName, db = Directory.CreateDirectory(Path.Combine(r.Directory, "inotify-b")).FullName;
            r.Sync("Probe_inotify_watch", a, da);
            r.Sync("Probe_inotify_watch", b, db);
            byte[] sync = new byte[4096], variant = new byte[4096];

            // Nothing queued: the call answers EAGAIN; the ring variant waits for the descriptor (a documented difference,
            // checked as one), then returns the events of the file created below, the same as the call reads.
            long nothingQueued = r.Sync("Probe_read_events", a, sync, 4096L);
            Task<VariantOutcome> waiting = r.Async(("fd", b), ("buf", variant), ("count", 4096L));
            await Task.WhenAny(waiting, Task.Delay(200));
            bool endedEarly = waiting.IsCompleted;
            r.ExpectWaitsForReadiness("nothing queued on a non-blocking inotify", nothingQueued, endedEarly ? await waiting : null);

            File.WriteAllBytes(Path.Combine(da, "new"), Content);
            File.WriteAllBytes(Path.Combine(db, "new"), Content);
            r.ExpectSame("the events of a created file", r.Sync("Probe_read_events", a, sync, 4096L),
                endedEarly ? await r.Async(("fd", b), ("buf", variant), ("count", 4096L)) : await waiting);
            r.ExpectBytes("the event bytes", sync, variant);
            File.WriteAllBytes(Path.Combine(da, "new2"), Content);
            File.WriteAllBytes(Path.Combine(db, "new2"), Content);
            r.ExpectSame("a buffer too small for the event (EINVAL)", r.Sync("Probe_read_events", a, new byte[8], 8L), await r.Async(("fd", b), ("buf", new byte[8]), ("count", 8L)));
            r.ExpectBadFd(r.Sync("Probe_read_events", HeldOutRun.NotAnOpenFd, sync, 4096L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", variant), ("count", 4096L)));
        },
        ["evt.fanotify_masks_ordinary"] = async r =>
        {
            string da = Directory.CreateDirectory(Path.Combine(r.Directory, "fanotify-a")).FullName, db = Directory.CreateDirectory(Path.Combine(r.Directory, "fanotify-b")).FullName;
            File.WriteAllBytes(Path.Combine(da, "watched"), Content);
            File.WriteAllBytes(Path.Combine(db, "watched"), Content);
            int a = Made(r, r.Sync("Probe_fanotify", da), "fanotify"), b = Made(r, r.Sync("Probe_fanotify", db), "fanotify");
            ulong[] sync = new ulong[4], variant = new ulong[4];
            r.ExpectSame("no event yet (EAGAIN)", r.Sync("Probe_read_masks", a, sync), await r.Async(("fd", b), ("masks", variant)));
            File.ReadAllBytes(Path.Combine(da, "watched"));
            File.ReadAllBytes(Path.Combine(db, "watched"));
            r.ExpectSame("the open of a watched file", r.Sync("Probe_read_masks", a, sync), await r.Async(("fd", b), ("masks", variant)));
            r.ExpectSame("the masks read", (long)sync[0], Value((long)variant[0]));
            r.ExpectBadFd(r.Sync("Probe_read_masks", HeldOutRun.NotAnOpenFd, sync), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("masks", variant)));
        },
        ["fh.name_to_handle_at_bytes_out_mount"] = async r =>
        {
            string path = Path.Combine(r.Directory, "handle-target");
            File.WriteAllBytes(path, Content);
            (string, object?)[] Args(int dirfd, string pathname, byte[] handle) => new (string, object?)[] { ("dirfd", dirfd), ("pathname", pathname), ("handle", handle), ("flags", 0) };
            byte[] sync = FileHandleBuffer(128), variant = FileHandleBuffer(128);
            VariantOutcome v = await r.Async(Args(-100, path, variant));
            r.ExpectSame("a handle of a file", r.Sync("Probe_name_to_handle", -100, path, sync, 0), v);
            r.ExpectBytes("the handle", sync, variant);
            SameValue(r, "mount_id written", r.Sync("Probe_mount_id", -100, path, FileHandleBuffer(128), 0), v, "mount_id");
            byte[] syncEmpty = FileHandleBuffer(0), variantEmpty = FileHandleBuffer(0);
            r.ExpectSame("handle_bytes 0 (EOVERFLOW)", r.Sync("Probe_name_to_handle", -100, path, syncEmpty, 0), await r.Async(Args(-100, path, variantEmpty)));
            r.ExpectBytes("the size the kernel asks for, written into handle_bytes", syncEmpty, variantEmpty);
            string missing = Path.Combine(r.Directory, "handle-missing");
            r.ExpectSame("a missing file (ENOENT)", r.Sync("Probe_name_to_handle", -100, missing, sync, 0), await r.Async(Args(-100, missing, variant)));
            r.ExpectSame("a relative path beside a descriptor not open (EBADF)", r.Sync("Probe_name_to_handle", HeldOutRun.NotAnOpenFd, "handle-target", sync, 0), await r.Async(Args(HeldOutRun.NotAnOpenFd, "handle-target", variant)));
        },
        ["fh.name_to_handle_at_ref_struct"] = async r =>
        {
            string path = Path.Combine(r.Directory, "handle-ref-target");
            File.WriteAllBytes(path, Content);
            object handle = SetFields(r.NewObject("HeldOut.Objects.FileHandle128"), ("handle_bytes", 128u));
            VariantOutcome v = await r.Async(("dirfd", -100), ("pathname", path), ("handle", handle), ("flags", 0));
            r.ExpectSame("a handle of a file", r.Sync("Probe_name_to_handle_ref", -100, path, 0), v);
            SameValue(r, "handle_type written", (long)r.CallStatic("HeldOut.Objects.ObjectProbeState", "TakeValue")!, v, "handle_type");
        },
        ["fh.open_by_handle_at_bytes"] = r => OpenByHandleRun(r, "Probe_open_by_handle", "byhandle"),
        ["fh.open_by_handle_at_safehandle_readonlyspan"] = r => OpenByHandleRun(r, "Probe_open_by_handle_span", "byhandle-span"),
        ["hint.readahead_ulong_offset_libraryimport"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_readahead", HeldOutRun.NotAnOpenFd, 0L, 4096L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("count", 4096L)));
            int a = r.OpenFile("readahead-a", Content), b = r.OpenFile("readahead-b", Content);
            r.ExpectSame("the start of a file", r.Sync("Probe_readahead", a, 0L, 4096L), await r.Async(("fd", b), ("offset", 0L), ("count", 4096L)));
            r.ExpectSame("far past its end", r.Sync("Probe_readahead", a, 1L << 40, 4096L), await r.Async(("fd", b), ("offset", 1L << 40), ("count", 4096L)));
            (int pa, _) = Pipe(r);
            (int pb, _) = Pipe(r);
            r.ExpectSame("a pipe (EINVAL)", r.Sync("Probe_readahead", pa, 0L, 4096L), await r.Async(("fd", pb), ("offset", 0L), ("count", 4096L)));
        },
        ["hint.posix_fadvise_enum_result_libraryimport"] = async r =>
        {
            (string, object?)[] Args(int fd, int advice) => new (string, object?)[] { ("fd", fd), ("offset", 0L), ("len", 0L), ("advice", advice) };
            r.ExpectBadFd(r.Sync("Probe_fadvise", HeldOutRun.NotAnOpenFd, 0L, 0L, 3), await r.Async(Args(HeldOutRun.NotAnOpenFd, 3)));
            int a = r.OpenFile("fadvise-a", Content), b = r.OpenFile("fadvise-b", Content);
            r.ExpectSame("WILLNEED on a file", r.Sync("Probe_fadvise", a, 0L, 0L, 3), await r.Async(Args(b, 3)));
            r.ExpectSame("an unknown advice (EINVAL)", r.Sync("Probe_fadvise", a, 0L, 0L, 99), await r.Async(Args(b, 99)));
            (int pa, _) = Pipe(r);
            (int pb, _) = Pipe(r);
            r.ExpectSame("a pipe (ESPIPE)", r.Sync("Probe_fadvise", pa, 0L, 0L, 3), await r.Async(Args(pb, 3)));
        },
        ["hint.fallocate_modes_default_len"] = async r =>
        {
            byte[] content = Enumerable.Repeat((byte)'x', 16384).ToArray();
            int a = r.OpenFile("fallocate-modes-a", content), b = r.OpenFile("fallocate-modes-b", content);
            string pa = Path.Combine(r.Directory, "fallocate-modes-a"), pb = Path.Combine(r.Directory, "fallocate-modes-b");
            void SameFiles(string what) => r.ExpectBytes(what, File.ReadAllBytes(pa), File.ReadAllBytes(pb));
            r.ExpectSame("punch a hole at 4096, KEEP_SIZE, length by default", r.Sync("Probe_fallocate", a, 3, 4096L, 4096L), await r.Async(("fd", b), ("mode", 3), ("offset", 4096L)));
            SameFiles("the files after the hole");
            r.ExpectSame("zero 100 bytes at 8192", r.Sync("Probe_fallocate", a, 0x10, 8192L, 100L), await r.Async(("fd", b), ("mode", 0x10), ("offset", 8192L), ("len", 100L)));
            SameFiles("the files after zeroing");
            r.ExpectSame("PUNCH_HOLE without KEEP_SIZE (EOPNOTSUPP)", r.Sync("Probe_fallocate", a, 2, 0L, 4096L), await r.Async(("fd", b), ("mode", 2), ("offset", 0L), ("len", 4096L)));
            r.ExpectSame("collapse 4096 bytes at 4096", r.Sync("Probe_fallocate", a, 8, 4096L, 4096L), await r.Async(("fd", b), ("mode", 8), ("offset", 4096L), ("len", 4096L)));
            r.ExpectSame("the file length after collapsing", new FileInfo(pa).Length, Value(new FileInfo(pb).Length));
            SameFiles("the files after collapsing");
            r.ExpectSame("length 0 (EINVAL)", r.Sync("Probe_fallocate", a, 0, 0L, 0L), await r.Async(("fd", b), ("mode", 0), ("offset", 0L), ("len", 0L)));
            r.ExpectBadFd(r.Sync("Probe_fallocate", HeldOutRun.NotAnOpenFd, 0, 0L, 4096L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("mode", 0), ("offset", 0L)));
        },
        ["hint.copy_file_range_null_offsets_default_flags"] = async r =>
        {
            int sa = r.OpenFile("cfr-src-a", Content), sb = r.OpenFile("cfr-src-b", Content);
            int da = r.OpenFile("cfr-dst-a", Array.Empty<byte>()), db = r.OpenFile("cfr-dst-b", Array.Empty<byte>());
            r.Sync("Probe_seek", sa, 5L);
            r.Sync("Probe_seek", sb, 5L);
            (string, object?)[] Args(long? offIn, long length, int flags) =>
                new (string, object?)[] { ("fd_in", sb), ("off_in", offIn), ("fd_out", db), ("off_out", null), ("len", length), ("flags", flags) };
            r.ExpectSame("10 bytes from and to the file positions (both NULL)", r.Sync("Probe_copy_range", sa, -1L, da, -1L, 10L, 0), await r.Async(Args(null, 10, 0)));
            r.ExpectBytes("the files copied to", File.ReadAllBytes(Path.Combine(r.Directory, "cfr-dst-a")), File.ReadAllBytes(Path.Combine(r.Directory, "cfr-dst-b")));
            r.ExpectSame("the input position after", r.Sync("Probe_position", sa), Value(r.Sync("Probe_position", sb)));
            r.ExpectSame("the output position after", r.Sync("Probe_position", da), Value(r.Sync("Probe_position", db)));
            long sync = r.Sync("Probe_copy_range", sa, 3L, da, -1L, 10L, 0);
            long syncOffIn = (long)r.CallStatic("HeldOut.Objects.ObjectProbeState", "TakeValue")!;
            VariantOutcome v = await r.Async(Args(3, 10, 0));
            r.ExpectSame("10 bytes from offset 3, to the output position", sync, v);
            SameValue(r, "off_in advanced (13)", syncOffIn, v, "off_in");
            r.ExpectSame("unknown flags (EINVAL)", r.Sync("Probe_copy_range", sa, -1L, da, -1L, 10L, 1), await r.Async(Args(null, 10, 1)));
            r.ExpectSame("length 0", r.Sync("Probe_copy_range", sa, -1L, da, -1L, 0L, 0), await r.Async(Args(null, 0, 0)));
        },
        ["fs.fstatfs_outputvalue_libraryimport"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_fstatfs", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
            int a = r.OpenFile("fstatfs-a", Content), b = r.OpenFile("fstatfs-b", Content);
            VariantOutcome v = await r.Async(("fd", b));
            r.ExpectSame("fstatfs of a file", r.Sync("Probe_fstatfs", a), v);
            SameValue(r, "f_type (the file system's magic)", r.Sync("Probe_fstatfs_field", a, 0), v, "f_type");
            SameValue(r, "f_bsize", r.Sync("Probe_fstatfs_field", a, 1), v, "f_bsize");
            SameValue(r, "f_namelen", r.Sync("Probe_fstatfs_field", a, 2), v, "f_namelen");
        },
        ["fs.statfs_byteptr_path_out"] = async r =>
        {
            VariantOutcome v = await r.Async(("path", new PathArg(r.Directory)));
            r.ExpectSame("statfs of the test directory", r.Sync("Probe_statfs", r.Directory), v);
            SameValue(r, "f_type (the file system's magic)", (long)r.CallStatic("HeldOut.Objects.ObjectProbeState", "TakeValue")!, v, "f_type");
            string missing = Path.Combine(r.Directory, "statfs-missing");
            r.ExpectSame("a missing path (ENOENT)", r.Sync("Probe_statfs", missing), await r.Async(("path", new PathArg(missing))));
        },
        ["fs.volume_instance_query"] = async r =>
        {
            int a = r.OpenFile("volume-a", Content), b = r.OpenFile("volume-b", Content);
            VariantOutcome v = await r.AsyncOn(r.NewObject("HeldOut.Objects.Volume", new Microsoft.Win32.SafeHandles.SafeFileHandle((IntPtr)b, false)));
            r.ExpectSame("statfs through the volume's descriptor", r.Sync("Probe_volume_query", a), v);
            SameValue(r, "f_type (the file system's magic)", (long)r.CallStatic("HeldOut.Objects.ObjectProbeState", "TakeValue")!, v, "f_type");
            r.ExpectBadFd(r.Sync("Probe_volume_query", HeldOutRun.NotAnOpenFd), await r.AsyncOn(r.NewObject("HeldOut.Objects.Volume", new Microsoft.Win32.SafeHandles.SafeFileHandle((IntPtr)HeldOutRun.NotAnOpenFd, false))));
        },
    };

    /// <summary>A struct file_handle buffer: handle_bytes (the room for f_handle) then handle_type, then the room.</summary>
    private static byte[] FileHandleBuffer(int room)
    {
        byte[] buffer = new byte[8 + Math.Max(room, 8)];
        BitConverter.GetBytes(room).CopyTo(buffer, 0);
        return buffer;
    }

    /// <summary>open_by_handle_at of a file's handle through the test directory: the same file read through each descriptor.</summary>
    private static async Task OpenByHandleRun(HeldOutRun r, string probe, string name)
    {
        string path = Path.Combine(r.Directory, name);
        File.WriteAllBytes(path, Content);
        byte[] handle = FileHandleBuffer(128);
        if (r.Sync("Probe_name_to_handle", -100, path, handle, 0) != 0)
        {
            throw new InvalidOperationException("name_to_handle_at of " + path + " failed; the run is wrong");
        }

        int ma = Made(r, r.Sync("Probe_open_dir", r.Directory), "open the test directory"), mb = Made(r, r.Sync("Probe_open_dir", r.Directory), "open the test directory");
        ExpectNewDescriptor(r, "open a file by its handle", r.Sync(probe, ma, handle, 0), await r.Async(("mount_fd", mb), ("handle", handle), ("flags", 0)),
            LinkOf, fd => r.Sync("Probe_pread8", (int)fd));
        byte[] unknown = (byte[])handle.Clone();
        BitConverter.GetBytes(0x7fff).CopyTo(unknown, 4);
        ExpectNewDescriptor(r, "a handle of an unknown type", r.Sync(probe, ma, unknown, 0), await r.Async(("mount_fd", mb), ("handle", unknown), ("flags", 0)), LinkOf);
        ExpectNewDescriptor(r, "a mount descriptor not open", r.Sync(probe, HeldOutRun.NotAnOpenFd, handle, 0), await r.Async(("mount_fd", HeldOutRun.NotAnOpenFd), ("handle", handle), ("flags", 0)), LinkOf);
    }
}
