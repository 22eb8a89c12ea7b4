using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the seventh blind round (ValueResult.case, Families.case), written with the case files, before
/// the generator was run on them. Value-result arguments are compared after the call (what the kernel wrote back), and
/// size queries (a NULL buffer with size 0) beside full and too-small buffers.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const string AttrName = "user.asyncsys-heldout7";
    private const int AtEmptyPath = 0x1000, MsgDontWait = 0x40, PrGetName = 16, PrGetDumpable = 3, SfdCloexec = 0x80000;
    private static readonly byte[] AttrValue = Encoding.ASCII.GetBytes("attribute value");

    private static Dictionary<string, (string, string)> WithSeventhRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["ValueResult"] = (HeldOutProbes.ValueResult, HeldOutProbes.ValueResultLibraryImport);
        probes["Families"] = (HeldOutProbes.Families, HeldOutProbes.FamiliesLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithSeventhRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in ValueResultRuns().Concat(FamilyRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> ValueResultRuns() => new()
    {
        ["vr.getxattr_bytes_size_query"] = r => GetAttributeByPath(r, "Probe_getxattr", (path, value) => new (string, object?)[] { ("path", new PathArg(path)), ("name", new PathArg(AttrName)), ("value", value), ("size", (long)(value?.Length ?? 0)) }),
        ["vr.lgetxattr_voidptr_bytepaths"] = r => GetAttributeByPath(r, "Probe_lgetxattr", (path, value) => new (string, object?)[] { ("path", new PathArg(path)), ("name", new PathArg(AttrName)), ("value", value), ("size", (long)(value?.Length ?? 0)) }),
        ["vr.listxattr_intptr_buffer"] = r => ListAttributesByPath(r, "Probe_listxattr", (path, list) => new (string, object?)[] { ("path", new PathArg(path)), ("list", list), ("size", (long)(list?.Length ?? 0)) }),
        ["vr.llistxattr_span_no_count"] = r => ListAttributesByPath(r, "Probe_llistxattr", (path, list) => new (string, object?)[] { ("path", new PathArg(path)), ("list", list ?? Array.Empty<byte>()), ("size", (long)(list?.Length ?? 0)) }, nullIsEmpty: true),
        ["vr.flistxattr_array_int_count"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_flistxattr", HeldOutRun.NotAnOpenFd, new byte[64]), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("list", new byte[64]), ("size", 64)));
            string pathA = FileWithAttribute(r, "vr-flist-a"), pathB = FileWithAttribute(r, "vr-flist-b");
            int a = r.OpenExisting(pathA), b = r.OpenExisting(pathB);
            r.ExpectSame("flistxattr size query (empty array, 0)", r.Sync("Probe_flistxattr", a, Array.Empty<byte>()), await r.Async(("fd", b), ("list", Array.Empty<byte>()), ("size", 0)));
            byte[] syncList = new byte[64], asyncList = new byte[64];
            r.ExpectSame("flistxattr into 64 bytes", r.Sync("Probe_flistxattr", a, syncList), await r.Async(("fd", b), ("list", asyncList), ("size", 64)));
            r.ExpectBytes("attribute names", syncList, asyncList);
            r.ExpectSame("flistxattr into 3 bytes (ERANGE)", r.Sync("Probe_flistxattr", a, new byte[3]), await r.Async(("fd", b), ("list", new byte[3]), ("size", 3)));
            ExpectRefusedBeforeTheCall(r, "flistxattr with size 64 over a 4-byte array", await r.Async(("fd", b), ("list", new byte[4]), ("size", 64)));
        },
        ["vr.fsetxattr_safefilehandle_flags_enum"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_fsetxattr", HeldOutRun.NotAnOpenFd, AttrName, AttrValue, 1),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("name", new PathArg(AttrName)), ("value", AttrValue), ("size", (long)AttrValue.Length), ("flags", 1)));
            string pathA = NewFile(r, "vr-fset-a", Content), pathB = NewFile(r, "vr-fset-b", Content);
            int a = r.OpenExisting(pathA), b = r.OpenExisting(pathB);
            (string, object?)[] Args(int flags) => new (string, object?)[] { ("fd", b), ("name", new PathArg(AttrName)), ("value", AttrValue), ("size", (long)AttrValue.Length), ("flags", flags) };
            r.ExpectSame("fsetxattr XATTR_CREATE of a new attribute", r.Sync("Probe_fsetxattr", a, AttrName, AttrValue, 1), await r.Async(Args(1)));
            r.ExpectSame("fsetxattr XATTR_CREATE again (EEXIST)", r.Sync("Probe_fsetxattr", a, AttrName, AttrValue, 1), await r.Async(Args(1)));
            ExpectSameAttribute(r, pathA, pathB);
        },
        ["vr.lsetxattr_sbyte_paths_voidptr"] = async r =>
        {
            string pathA = NewFile(r, "vr-lset-a", Content), pathB = NewFile(r, "vr-lset-b", Content);
            (string, object?)[] Args(string path) => new (string, object?)[] { ("path", new PathArg(path)), ("name", new PathArg(AttrName)), ("value", AttrValue), ("size", (long)AttrValue.Length), ("flags", 0) };
            r.ExpectSame("lsetxattr of a file", r.Sync("Probe_lsetxattr", pathA, AttrName, AttrValue, 0), await r.Async(Args(pathB)));
            ExpectSameAttribute(r, pathA, pathB);
            string linkA = Path.Combine(r.Directory, "vr-lset-link-a"), linkB = Path.Combine(r.Directory, "vr-lset-link-b");
            File.CreateSymbolicLink(linkA, pathA);
            File.CreateSymbolicLink(linkB, pathB);
            r.ExpectSame("lsetxattr of a user attribute on a symlink (EPERM)", r.Sync("Probe_lsetxattr", linkA, AttrName, AttrValue, 0), await r.Async(Args(linkB)));
            string missing = Path.Combine(r.Directory, "vr-lset-missing");
            r.ExpectSame("lsetxattr of a missing path", r.Sync("Probe_lsetxattr", missing, AttrName, AttrValue, 0), await r.Async(Args(missing)));
        },
        ["vr.fgetxattr_safehandle_span"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_fgetxattr", HeldOutRun.NotAnOpenFd, AttrName, new byte[64]),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("name", new PathArg(AttrName)), ("value", new byte[64]), ("size", 64L)));
            int a = r.OpenExisting(FileWithAttribute(r, "vr-fget-a")), b = r.OpenExisting(FileWithAttribute(r, "vr-fget-b"));
            (string, object?)[] Args(byte[] value) => new (string, object?)[] { ("fd", b), ("name", new PathArg(AttrName)), ("value", value), ("size", (long)value.Length) };
            r.ExpectSame("fgetxattr size query (empty span, 0)", r.Sync("Probe_fgetxattr", a, AttrName, Array.Empty<byte>()), await r.Async(Args(Array.Empty<byte>())));
            byte[] syncValue = new byte[64], asyncValue = new byte[64];
            r.ExpectSame("fgetxattr into 64 bytes", r.Sync("Probe_fgetxattr", a, AttrName, syncValue), await r.Async(Args(asyncValue)));
            r.ExpectBytes("attribute value", syncValue, asyncValue);
            r.ExpectSame("fgetxattr into 4 bytes (ERANGE)", r.Sync("Probe_fgetxattr", a, AttrName, new byte[4]), await r.Async(Args(new byte[4])));
            int c = r.OpenFile("vr-fget-c", Content), d = r.OpenFile("vr-fget-d", Content);
            r.ExpectSame("fgetxattr of an attribute the file lacks (ENODATA)", r.Sync("Probe_fgetxattr", c, AttrName, new byte[64]),
                await r.Async(("fd", d), ("name", new PathArg(AttrName)), ("value", new byte[64]), ("size", 64L)));
        },
        ["vr.setxattr_readonlyspan"] = async r =>
        {
            string pathA = NewFile(r, "vr-set-a", Content), pathB = NewFile(r, "vr-set-b", Content);
            (string, object?)[] Args(string path, int flags) => new (string, object?)[] { ("path", new PathArg(path)), ("name", new PathArg(AttrName)), ("value", AttrValue), ("size", (long)AttrValue.Length), ("flags", flags) };
            r.ExpectSame("setxattr XATTR_REPLACE of a missing attribute (ENODATA)", r.Sync("Probe_setxattr", pathA, AttrName, AttrValue, 2), await r.Async(Args(pathB, 2)));
            r.ExpectSame("setxattr XATTR_CREATE", r.Sync("Probe_setxattr", pathA, AttrName, AttrValue, 1), await r.Async(Args(pathB, 1)));
            r.ExpectSame("setxattr XATTR_CREATE again (EEXIST)", r.Sync("Probe_setxattr", pathA, AttrName, AttrValue, 1), await r.Async(Args(pathB, 1)));
            ExpectSameAttribute(r, pathA, pathB);
        },
        ["vr.getxattr_ordinary_negative_errno"] = r => GetAttributeByPath(r, "Probe_try_get_attribute", (path, value) => new (string, object?)[] { ("path", new PathArg(path)), ("name", new PathArg(AttrName)), ("value", value ?? Array.Empty<byte>()) }, nullIsEmpty: true),
        ["vr.removexattr_ordinary_bool"] = async r =>
        {
            string pathA = FileWithAttribute(r, "vr-remove-a"), pathB = FileWithAttribute(r, "vr-remove-b");
            r.ExpectSame("remove an attribute the file has (true)", r.Sync("Probe_try_remove_attribute", pathA, AttrName), await r.Async(("path", new PathArg(pathB)), ("name", new PathArg(AttrName))));
            r.ExpectSame("remove it again (false)", r.Sync("Probe_try_remove_attribute", pathA, AttrName), await r.Async(("path", new PathArg(pathB)), ("name", new PathArg(AttrName))));
        },
        ["vr.setxattr_ordinary_throwing"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "vr-throwing-missing");
            long sync = r.Sync("Probe_set_attribute", missing, AttrName, AttrValue);
            VariantOutcome outcome = await r.Async(("path", new PathArg(missing)), ("name", new PathArg(AttrName)), ("value", AttrValue));
            r.Row.Runs.Add("set an attribute of a missing path: sync " + sync + ", async " + outcome);
            if (outcome.Other is not Win32Exception thrown || -thrown.NativeErrorCode != sync)
            {
                r.Row.Problems.Add("set an attribute of a missing path: the wrapper throws Win32Exception(" + -sync + "); the variant " + outcome);
            }

            string pathA = NewFile(r, "vr-throwing-a", Content), pathB = NewFile(r, "vr-throwing-b", Content);
            r.ExpectSame("set an attribute of a file", r.Sync("Probe_set_attribute", pathA, AttrName, AttrValue), await r.Async(("path", new PathArg(pathB)), ("name", new PathArg(AttrName)), ("value", AttrValue)));
            ExpectSameAttribute(r, pathA, pathB);
        },
        ["vr.readlink_bytes_int"] = async r =>
        {
            await ReadLinkRun(r, "Probe_readlink", (path, buffer) => new (string, object?)[] { ("path", new PathArg(path)), ("buf", buffer), ("bufsiz", buffer.Length) });
            string link = Path.Combine(r.Directory, "vr-readlink-past");
            File.CreateSymbolicLink(link, "target-of-the-link");
            ExpectRefusedBeforeTheCall(r, "readlink with bufsiz 64 over a 4-byte array", await r.Async(("path", new PathArg(link)), ("buf", new byte[4]), ("bufsiz", 64)));
        },
        ["vr.readlinkat_safehandle_dirfd_span"] = async r =>
        {
            string sub = Path.Combine(r.Directory, "vr-readlinkat");
            Directory.CreateDirectory(sub);
            File.CreateSymbolicLink(Path.Combine(sub, "link"), "target-of-the-link");
            File.WriteAllBytes(Path.Combine(sub, "plain"), Content);
            r.ExpectBadFd(r.Sync("Probe_readlinkat", HeldOutRun.NotAnOpenFd, "link", new byte[64]),
                await r.Async(("dirfd", HeldOutRun.NotAnOpenFd), ("pathname", new PathArg("link")), ("buf", new byte[64]), ("bufsiz", 64L)));
            int a = (int)r.Sync("Probe_open_dir", sub), b = (int)r.Sync("Probe_open_dir", sub);
            try
            {
                foreach ((string name, int size) in new[] { ("link", 64), ("link", 5), ("plain", 64), ("missing", 64) })
                {
                    byte[] syncBuffer = new byte[size], asyncBuffer = new byte[size];
                    r.ExpectSame("readlinkat '" + name + "' relative to a directory descriptor into " + size + " bytes", r.Sync("Probe_readlinkat", a, name, syncBuffer),
                        await r.Async(("dirfd", b), ("pathname", new PathArg(name)), ("buf", asyncBuffer), ("bufsiz", (long)size)));
                    r.ExpectBytes("link target", syncBuffer, asyncBuffer);
                }
            }
            finally
            {
                r.Sync("Probe_close", a);
                r.Sync("Probe_close", b);
            }
        },
        ["vr.readlink_negative_errno_mode"] = r => ReadLinkRun(r, "Probe_readlink_errno", (path, buffer) => new (string, object?)[] { ("path", new PathArg(path)), ("buf", buffer), ("bufsiz", (long)buffer.Length) }),
        ["vr.readlinkat_intptr_buffer"] = r => ReadLinkRun(r, "Probe_readlinkat_address", (path, buffer) => new (string, object?)[] { ("dirfd", AtFdCwd), ("pathname", new PathArg(path)), ("buf", buffer), ("bufsiz", (long)buffer.Length) }, AtFdCwd),
        ["vr.sendfile_ref_long"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_sendfile_ref", HeldOutRun.NotAnOpenFd, HeldOutRun.NotAnOpenFd, new long[] { 0 }, 4L),
                await r.Async(("out_fd", HeldOutRun.NotAnOpenFd), ("in_fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("count", 4L)));
            int inA = r.OpenFile("vr-sf-in-a", Content), inB = r.OpenFile("vr-sf-in-b", Content);
            int outA = r.OpenFile("vr-sf-out-a", Array.Empty<byte>()), outB = r.OpenFile("vr-sf-out-b", Array.Empty<byte>());
            long[] offset = { 5 };
            long sync = r.Sync("Probe_sendfile_ref", outA, inA, offset, 10L);
            VariantOutcome outcome = await r.Async(("out_fd", outB), ("in_fd", inB), ("offset", 5L), ("count", 10L));
            r.ExpectSame("sendfile 10 bytes from offset 5", sync, outcome);
            ExpectAdvancedOffset(r, outcome, "offset", offset[0]);
            offset[0] = 30;
            sync = r.Sync("Probe_sendfile_ref", outA, inA, offset, 10L);
            outcome = await r.Async(("out_fd", outB), ("in_fd", inB), ("offset", 30L), ("count", 10L));
            r.ExpectSame("sendfile 10 bytes from offset 30 (6 left)", sync, outcome);
            ExpectAdvancedOffset(r, outcome, "offset", offset[0]);
            ExpectSameContent(r, "vr-sf-out-a", "vr-sf-out-b");
        },
        ["vr.sendfile_intptr_offset"] = async r =>
        {
            int inA = r.OpenFile("vr-sfa-in-a", Content), inB = r.OpenFile("vr-sfa-in-b", Content);
            int outA = r.OpenFile("vr-sfa-out-a", Array.Empty<byte>()), outB = r.OpenFile("vr-sfa-out-b", Array.Empty<byte>());
            r.Sync("Probe_lseek", inA, 7L);
            r.Sync("Probe_lseek", inB, 7L);
            bool address = r.ParameterType("offset") is "nint" or "System.IntPtr";
            r.ExpectSame("sendfile of 10 bytes with a NULL offset (from the file position, 7)", r.Sync("Probe_sendfile_at", outA, inA, null, 10L),
                await r.Async(("out_fd", outB), ("in_fd", inB), ("offset", null), ("count", 10L)));
            ExpectSameContent(r, "vr-sfa-out-a", "vr-sfa-out-b");
            long[] syncOffset = { 3 }, asyncOffset = { 3 };
            long sync = r.Sync("Probe_sendfile_at", outA, inA, syncOffset, 4L);
            VariantOutcome outcome = await r.Async(("out_fd", outB), ("in_fd", inB), ("offset", address ? asyncOffset : 3L), ("count", 4L));
            r.ExpectSame("sendfile of 4 bytes at the offset an address points to (3)", sync, outcome);
            if (address)
            {
                r.ExpectSame("the offset the kernel wrote back through the address", syncOffset[0], new VariantOutcome(null, asyncOffset[0], null, null));
            }
            else
            {
                ExpectAdvancedOffset(r, outcome, "offset", syncOffset[0]);
            }

            ExpectSameContent(r, "vr-sfa-out-a", "vr-sfa-out-b");
        },
        ["vr.sendfile64_longptr_safehandles"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_sendfile64", HeldOutRun.NotAnOpenFd, HeldOutRun.NotAnOpenFd, null, 4L),
                await r.Async(("out_fd", HeldOutRun.NotAnOpenFd), ("in_fd", HeldOutRun.NotAnOpenFd), ("offset", null), ("count", 4L)));
            int inA = r.OpenFile("vr-sf64-in-a", Content), inB = r.OpenFile("vr-sf64-in-b", Content);
            int outA = r.OpenFile("vr-sf64-out-a", Array.Empty<byte>()), outB = r.OpenFile("vr-sf64-out-b", Array.Empty<byte>());
            long[] offset = { 5 };
            long sync = r.Sync("Probe_sendfile64", outA, inA, offset, 10L);
            VariantOutcome outcome = await r.Async(("out_fd", outB), ("in_fd", inB), ("offset", 5L), ("count", 10L));
            r.ExpectSame("sendfile64 10 bytes from offset 5", sync, outcome);
            ExpectAdvancedOffset(r, outcome, "offset", offset[0]);
            r.ExpectSame("sendfile64 with a NULL offset (the file position, 0)", r.Sync("Probe_sendfile64", outA, inA, null, 4L),
                await r.Async(("out_fd", outB), ("in_fd", inB), ("offset", null), ("count", 4L)));
            ExpectSameContent(r, "vr-sf64-out-a", "vr-sf64-out-b");
        },
        ["vr.copy_file_range_longptr"] = async r =>
        {
            int inA = r.OpenFile("vr-cfr-in-a", Content), inB = r.OpenFile("vr-cfr-in-b", Content);
            int outA = r.OpenFile("vr-cfr-out-a", Content), outB = r.OpenFile("vr-cfr-out-b", Content);
            long[] offIn = { 3 };
            long sync = r.Sync("Probe_copy_file_range", inA, offIn, outA, null, 8L);
            VariantOutcome outcome = await r.Async(("fd_in", inB), ("off_in", 3L), ("fd_out", outB), ("off_out", null), ("len", 8L), ("flags", 0u));
            r.ExpectSame("copy_file_range 8 bytes from 3 to the output's position (NULL)", sync, outcome);
            ExpectAdvancedOffset(r, outcome, "off_in", offIn[0]);
            long[] offOut = { 20 };
            offIn[0] = 0;
            sync = r.Sync("Probe_copy_file_range", inA, offIn, outA, offOut, 6L);
            outcome = await r.Async(("fd_in", inB), ("off_in", 0L), ("fd_out", outB), ("off_out", 20L), ("len", 6L), ("flags", 0u));
            r.ExpectSame("copy_file_range 6 bytes from 0 to 20", sync, outcome);
            ExpectAdvancedOffset(r, outcome, "off_in", offIn[0]);
            ExpectAdvancedOffset(r, outcome, "off_out", offOut[0]);
            ExpectSameContent(r, "vr-cfr-out-a", "vr-cfr-out-b");
            r.ExpectSame("copy_file_range with flags 1 (EINVAL)", -EInval,
                await r.Async(("fd_in", inB), ("off_in", null), ("fd_out", outB), ("off_out", null), ("len", 4L), ("flags", 1u)));
        },
        ["vr.copy_file_range_ref_safehandles"] = async r =>
        {
            int inA = r.OpenFile("vr-cfrr-in-a", Content), inB = r.OpenFile("vr-cfrr-in-b", Content);
            int outA = r.OpenFile("vr-cfrr-out-a", Content), outB = r.OpenFile("vr-cfrr-out-b", Content);
            long[] offIn = { 30 }, offOut = { 2 };
            long sync = r.Sync("Probe_copy_range", inA, offIn, outA, offOut, 10L);
            VariantOutcome outcome = await r.Async(("fd_in", inB), ("off_in", 30L), ("fd_out", outB), ("off_out", 2L), ("len", 10L), ("flags", 0u));
            r.ExpectSame("copy_file_range 10 bytes from 30 (6 left) to 2", sync, outcome);
            ExpectAdvancedOffset(r, outcome, "off_in", offIn[0]);
            ExpectAdvancedOffset(r, outcome, "off_out", offOut[0]);
            ExpectSameContent(r, "vr-cfrr-out-a", "vr-cfrr-out-b");
        },
        ["vr.splice_ref_in_intptr_out"] = async r =>
        {
            await SpliceToPipe(r, "vr-spref", async (inA, inB, pipeA, pipeB) =>
            {
                long[] offIn = { 3 };
                long sync = r.Sync("Probe_splice_from", inA, offIn, pipeA, 10L);
                VariantOutcome outcome = await r.Async(("fd_in", inB), ("off_in", 3L), ("fd_out", pipeB), ("off_out", null), ("len", 10L), ("flags", 0u));
                r.ExpectSame("splice 10 bytes from offset 3 into a pipe (NULL out offset)", sync, outcome);
                ExpectAdvancedOffset(r, outcome, "off_in", offIn[0]);
            });
        },
        ["vr.splice_intptr_offsets_ringop"] = async r =>
        {
            await SpliceToPipe(r, "vr-spring", async (inA, inB, pipeA, pipeB) =>
            {
                r.Sync("Probe_lseek", inA, 5L);
                r.Sync("Probe_lseek", inB, 5L);
                r.ExpectSame("splice 10 bytes with NULL offsets (from the file position, 5)", r.Sync("Probe_splice_ring", inA, pipeA, 10L),
                    await r.Async(("fd_in", inB), ("off_in", null), ("fd_out", pipeB), ("off_out", null), ("len", 10L), ("flags", 0u)));
            });
        },
        ["vr.splice_intptr_offsets"] = async r =>
        {
            await SpliceToPipe(r, "vr-spaddr", async (inA, inB, pipeA, pipeB) =>
            {
                r.Sync("Probe_lseek", inA, 5L);
                r.Sync("Probe_lseek", inB, 5L);
                r.ExpectSame("splice 10 bytes with NULL offsets (from the file position, 5)", r.Sync("Probe_splice_addresses", inA, null, pipeA, 10L),
                    await r.Async(("fd_in", inB), ("off_in", null), ("fd_out", pipeB), ("off_out", null), ("len", 10L), ("flags", 0u)));
                bool address = r.ParameterType("off_in") is "nint" or "System.IntPtr";
                long[] syncOffset = { 20 }, asyncOffset = { 20 };
                long sync = r.Sync("Probe_splice_addresses", inA, syncOffset, pipeA, 4L);
                VariantOutcome outcome = await r.Async(("fd_in", inB), ("off_in", address ? asyncOffset : 20L), ("fd_out", pipeB), ("off_out", null), ("len", 4L), ("flags", 0u));
                r.ExpectSame("splice 4 bytes from the offset an address points to (20)", sync, outcome);
                if (address)
                {
                    r.ExpectSame("the offset the kernel wrote back through the address", syncOffset[0], new VariantOutcome(null, asyncOffset[0], null, null));
                }
                else
                {
                    ExpectAdvancedOffset(r, outcome, "off_in", syncOffset[0]);
                }
            });
        },
        ["vr.getdents64_bytes_int"] = async r =>
        {
            await DirectoryEntries(r, "Probe_getdents", (fd, buffer) => new (string, object?)[] { ("fd", fd), ("dirp", buffer), ("count", buffer.Length) });
            string sub = Path.Combine(r.Directory, "vr-dents-past");
            Directory.CreateDirectory(sub);
            int fd = (int)r.Sync("Probe_open_dir", sub);
            try
            {
                ExpectRefusedBeforeTheCall(r, "getdents64 with count 4096 over a 64-byte array", await r.Async(("fd", fd), ("dirp", new byte[64]), ("count", 4096)));
            }
            finally
            {
                r.Sync("Probe_close", fd);
            }
        },
        ["vr.getdents64_voidptr_safehandle"] = r => DirectoryEntries(r, "Probe_getdents_voidptr", (fd, buffer) => new (string, object?)[] { ("fd", fd), ("dirp", buffer), ("count", (long)buffer.Length) }),
        ["vr.getsockopt_out_int_ref_len"] = async r =>
        {
            long[] outs = new long[2];
            r.ExpectBadFd(r.Sync("Probe_getsockopt_out", HeldOutRun.NotAnOpenFd, SolSocket, SoType, outs),
                await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("level", SolSocket), ("optname", SoType), ("optlen", 4)));
            using Socket socket = Udp(bind: false);
            foreach ((string what, int option) in new[] { ("SO_TYPE", SoType), ("SO_RCVBUF", SoRcvBuf) })
            {
                long sync = r.Sync("Probe_getsockopt_out", (int)socket.Handle, SolSocket, option, outs);
                VariantOutcome outcome = await r.Async(("sockfd", (int)socket.Handle), ("level", SolSocket), ("optname", option), ("optlen", 4));
                r.ExpectSame("getsockopt " + what, sync, outcome with { Number = outcome.Other is null && outcome.Errno is null ? 0 : outcome.Number });
                ExpectMember(r, "getsockopt " + what + ": the option's value", outcome, "optval", outs[0]);
                ExpectMember(r, "getsockopt " + what + ": the option's length", outcome, "optlen", outs[1]);
            }
        },
        ["vr.getsockopt_intptrs"] = async r =>
        {
            using Socket socket = Udp(bind: false);
            int[] sync = { 0, 4 };
            long syncResult = r.Sync("Probe_getsockopt_raw", (int)socket.Handle, SolSocket, SoType, sync);
            bool bytes = r.ParameterType("optval")?.Contains("byte", StringComparison.Ordinal) ?? true;
            byte[] valueBytes = new byte[4];
            int[] valueInts = new int[1];
            int[] length = { 4 };
            bool lengthByAddress = r.ParameterType("optlen") is "nint" or "System.IntPtr";
            VariantOutcome outcome = await r.Async(("sockfd", (int)socket.Handle), ("level", SolSocket), ("optname", SoType), ("optval", bytes ? valueBytes : valueInts), ("optlen", lengthByAddress ? length : 4));
            long? written = lengthByAddress ? (outcome.Other is null && outcome.Errno is null ? length[0] : null) : LengthOf(outcome, "optlen");
            r.ExpectSame("getsockopt SO_TYPE: the option's length", syncResult < 0 ? syncResult : sync[1], outcome with { Number = written });
            r.ExpectOutputInResult("optlen", sync[1], written);
            int value = bytes ? BitConverter.ToInt32(valueBytes) : valueInts[0];
            r.ExpectSame("getsockopt SO_TYPE: the option's value", sync[0], new VariantOutcome(null, value, null, null));
        },
        ["vr.ioctl_fionread_out_int"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_fionread", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("request", Fionread)));
            int[] pipeA = new int[2], pipeB = new int[2];
            r.Sync("Probe_pipe", pipeA);
            r.Sync("Probe_pipe", pipeB);
            try
            {
                File.WriteAllBytes(Path.Combine(r.Directory, "vr-fionread-probe"), Content);
                using (var a = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle((IntPtr)pipeA[1], false), FileAccess.Write))
                using (var b = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle((IntPtr)pipeB[1], false), FileAccess.Write))
                {
                    a.Write(Content, 0, 5);
                    b.Write(Content, 0, 5);
                }

                VariantOutcome outcome = await r.Async(("fd", pipeB[0]), ("request", Fionread));
                r.ExpectSame("FIONREAD of a pipe holding 5 bytes (the count written through argp)", r.Sync("Probe_fionread", pipeA[0]), WithMember(outcome, "argp"));
            }
            finally
            {
                foreach (int fd in pipeA.Concat(pipeB))
                {
                    r.Sync("Probe_close", fd);
                }
            }
        },
        ["vr.ioctl_tiocgwinsz_outputvalue"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_winsize", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("request", 0x5413L)));
            int a = r.OpenFile("vr-winsize-a", Content), b = r.OpenFile("vr-winsize-b", Content);
            r.ExpectSame("TIOCGWINSZ of a regular file (ENOTTY)", r.Sync("Probe_winsize", a), WithMember(await r.Async(("fd", b), ("request", 0x5413L)), "Rows"));
        },
        ["vr.ioctl_fionbio_ordinary"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_nonblocking", HeldOutRun.NotAnOpenFd, true), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("enabled", true)));
            int[] pipe = new int[2];
            r.Sync("Probe_pipe", pipe);
            try
            {
                r.ExpectSame("FIONBIO on a pipe", r.Sync("Probe_nonblocking", pipe[0], true), await r.Async(("fd", pipe[1]), ("enabled", true)));
            }
            finally
            {
                r.Sync("Probe_close", pipe[0]);
                r.Sync("Probe_close", pipe[1]);
            }
        },
        ["vr.fstatat_out_struct"] = async r =>
        {
            string present = NewFile(r, "vr-fstatat", Content), missing = Path.Combine(r.Directory, "vr-fstatat-missing");
            r.ExpectSame("fstatat of a file (its size)", r.Sync("Probe_fstatat_size", present), WithMember(await r.Async(("dirfd", AtFdCwd), ("path", new PathArg(present)), ("flags", 0)), "Size"));
            r.ExpectSame("fstatat of a missing path", r.Sync("Probe_fstatat_size", missing), WithMember(await r.Async(("dirfd", AtFdCwd), ("path", new PathArg(missing)), ("flags", 0)), "Size"));
        },
        ["vr.fstatat_empty_path_pointer"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_fstatat_empty", HeldOutRun.NotAnOpenFd),
                WithMember(await r.Async(("dirfd", HeldOutRun.NotAnOpenFd), ("path", new PathArg("")), ("flags", AtEmptyPath)), "Size"));
            int a = r.OpenFile("vr-fstatat-empty-a", Content), b = r.OpenFile("vr-fstatat-empty-b", Content);
            r.ExpectSame("fstatat of a descriptor with an empty path and AT_EMPTY_PATH", r.Sync("Probe_fstatat_empty", a),
                WithMember(await r.Async(("dirfd", b), ("path", new PathArg("")), ("flags", AtEmptyPath)), "Size"));
        },
        ["vr.statx_bytes_empty_path"] = async r =>
        {
            async Task<VariantOutcome> Statx(int dirfd, string path, int flags)
            {
                byte[] buffer = new byte[256];
                VariantOutcome outcome = await r.Async(("dirfd", dirfd), ("path", new PathArg(path)), ("flags", flags), ("mask", 0x7ffu), ("statxbuf", buffer));
                return outcome.Other is null && outcome.Errno is null ? outcome with { Number = BitConverter.ToInt64(buffer, 40) } : outcome;
            }

            r.ExpectBadFd(r.Sync("Probe_statx_size", HeldOutRun.NotAnOpenFd, "", AtEmptyPath), await Statx(HeldOutRun.NotAnOpenFd, "", AtEmptyPath));
            string present = NewFile(r, "vr-statx", Content);
            int a = r.OpenExisting(present), b = r.OpenExisting(present);
            r.ExpectSame("statx of a descriptor with an empty path and AT_EMPTY_PATH (the size)", r.Sync("Probe_statx_size", a, "", AtEmptyPath), await Statx(b, "", AtEmptyPath));
            r.ExpectSame("statx of an empty path without AT_EMPTY_PATH", r.Sync("Probe_statx_size", a, "", 0), await Statx(b, "", 0));
            r.ExpectSame("statx of an absolute path", r.Sync("Probe_statx_size", AtFdCwd, present, 0), await Statx(AtFdCwd, present, 0));
        },
        ["vr.statx_out_struct_nullable_path"] = async r =>
        {
            string present = NewFile(r, "vr-statx-null", Content);
            int a = r.OpenExisting(present), b = r.OpenExisting(present);
            foreach ((string what, string? path, int flags) in new[] { ("a NULL path with AT_EMPTY_PATH", (string?)null, AtEmptyPath), ("an empty path with AT_EMPTY_PATH", "", AtEmptyPath), ("a NULL path without flags", null, 0) })
            {
                r.ExpectSame("statx of a descriptor with " + what, r.Sync("Probe_statx_nullable_size", a, path, flags),
                    WithMember(await r.Async(("dirfd", b), ("path", path is null ? null : new PathArg(path)), ("flags", flags), ("mask", 0x7ffu)), "Size"));
            }
        },
        ["vr.getrandom_array_int_count"] = async r =>
        {
            r.ExpectSame("getrandom of 16 bytes", r.Sync("Probe_getrandom", new byte[16]), await r.Async(("buf", new byte[16]), ("buflen", 16), ("flags", 0u)));
            r.ExpectSame("getrandom of 0 bytes", r.Sync("Probe_getrandom", Array.Empty<byte>()), await r.Async(("buf", Array.Empty<byte>()), ("buflen", 0), ("flags", 0u)));
            ExpectRefusedBeforeTheCall(r, "getrandom with buflen 17 over a 16-byte array", await r.Async(("buf", new byte[16]), ("buflen", 17), ("flags", 0u)));
        },
        ["vr.getrandom_ordinary_span_negative_errno"] = async r =>
        {
            r.ExpectSame("fill 16 bytes", r.Sync("Probe_fill_random", new byte[16], 0u), await r.Async(("destination", new byte[16]), ("flags", 0u)));
            r.ExpectSame("fill with unknown flags (EINVAL)", r.Sync("Probe_fill_random", new byte[16], 0x100u), await r.Async(("destination", new byte[16]), ("flags", 0x100u)));
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> FamilyRuns() => new()
    {
        ["fam.sendmmsg_lparray_sizeparamindex"] = async r =>
        {
            int[] pairA = new int[2], pairB = new int[2];
            r.Sync("Probe_dgram_pair", pairA);
            r.Sync("Probe_dgram_pair", pairB);
            try
            {
                Array vectorA = MessageVector(r, 2, 8, (byte)'a'), vectorB = MessageVector(r, 2, 8, (byte)'a');
                r.ExpectSame("sendmmsg of two 8-byte messages", r.Sync("Probe_sendmmsg", pairA[0], vectorA, 2),
                    await r.Async(("sockfd", pairB[0]), ("msgvec", vectorB), ("vlen", 2u), ("flags", 0)));
                r.ExpectSame("the msg_len the kernel wrote into each entry", MessageLengths(r, vectorA), new VariantOutcome(null, MessageLengths(r, vectorB), null, null));
                ExpectRefusedBeforeTheCall(r, "sendmmsg with vlen 3 over a 2-entry array", await r.Async(("sockfd", pairB[0]), ("msgvec", MessageVector(r, 2, 8, (byte)'a')), ("vlen", 3u), ("flags", 0)));
            }
            finally
            {
                foreach (int fd in pairA.Concat(pairB))
                {
                    r.Sync("Probe_close", fd);
                }
            }
        },
        ["fam.recvmmsg_in_out_array_intptr_timeout"] = async r =>
        {
            int[] pairA = new int[2], pairB = new int[2];
            r.Sync("Probe_dgram_pair", pairA);
            r.Sync("Probe_dgram_pair", pairB);
            try
            {
                foreach (int[] pair in new[] { pairA, pairB })
                {
                    r.Sync("Probe_write", pair[1], Encoding.ASCII.GetBytes("first datagram"));
                    r.Sync("Probe_write", pair[1], Encoding.ASCII.GetBytes("second"));
                }

                Array vectorA = MessageVector(r, 3, 16, 0), vectorB = MessageVector(r, 3, 16, 0);
                r.ExpectSame("recvmmsg of two pending datagrams into three entries (MSG_DONTWAIT)", r.Sync("Probe_recvmmsg", pairA[0], vectorA, 3, MsgDontWait),
                    await r.Async(("sockfd", pairB[0]), ("msgvec", vectorB), ("vlen", 3u), ("flags", MsgDontWait), ("timeout", null)));
                r.ExpectSame("the msg_len the kernel wrote into each entry", MessageLengths(r, vectorA), new VariantOutcome(null, MessageLengths(r, vectorB), null, null));
                r.ExpectSame("the bytes received", (long)r.CallStatic("HeldOut.Families.MessageVectors", "Bytes", vectorA)!, new VariantOutcome(null, (long)r.CallStatic("HeldOut.Families.MessageVectors", "Bytes", vectorB)!, null, null));
                r.ExpectSame("recvmmsg with nothing pending (EAGAIN)", r.Sync("Probe_recvmmsg", pairA[0], vectorA, 3, MsgDontWait),
                    await r.Async(("sockfd", pairB[0]), ("msgvec", vectorB), ("vlen", 3u), ("flags", MsgDontWait), ("timeout", null)));
            }
            finally
            {
                foreach (int fd in pairA.Concat(pairB))
                {
                    r.Sync("Probe_close", fd);
                }
            }
        },
        ["fam.timerfd_create_stated"] = async r =>
        {
            r.ExpectSame("timerfd_create of CLOCK_MONOTONIC", r.Sync("Probe_timerfd_create", 1, OCloexec), ClosedDescriptor(r, await r.Async(("clockid", 1), ("flags", OCloexec))));
            r.ExpectSame("timerfd_create of an unknown clock (EINVAL)", r.Sync("Probe_timerfd_create", 12345, OCloexec), ClosedDescriptor(r, await r.Async(("clockid", 12345), ("flags", OCloexec))));
        },
        ["fam.timerfd_settime_ordinary_out_old"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_arm", HeldOutRun.NotAnOpenFd, 5L, 100L, new long[1]),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("intervalSeconds", 5L), ("valueSeconds", 100L)));
            await WithTimers(r, async (a, b) =>
            {
                long[] old = new long[1];
                foreach (long interval in new long[] { 5, 7 })
                {
                    VariantOutcome outcome = await r.Async(("fd", b), ("intervalSeconds", interval), ("valueSeconds", 100L));
                    r.ExpectSame("arm a timer with interval " + interval, r.Sync("Probe_arm", a, interval, 100L, old), outcome);
                    r.ExpectSame("the previous setting's interval (written through old_value)", old[0], new VariantOutcome(null, IntervalOf(outcome.Result), null, null));
                }
            });
        },
        ["fam.timerfd_gettime_out_struct"] = r => TimerInterval(r, "Probe_timer_interval"),
        ["fam.timerfd_gettime_outputvalue"] = r => TimerInterval(r, "Probe_timer_interval_pointer"),
        ["fam.timerfd_read_expirations"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_read_expirations", HeldOutRun.NotAnOpenFd, new byte[8]), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", new byte[8]), ("count", 8L)));
            await WithTimers(r, async (a, b) =>
            {
                r.Sync("Probe_arm_ns", a, 1000L);
                r.Sync("Probe_arm_ns", b, 1000L);
                await Task.Delay(20);
                r.ExpectSame("read of 4 bytes from a timerfd (EINVAL)", r.Sync("Probe_read_expirations", a, new byte[4]), await r.Async(("fd", b), ("buf", new byte[4]), ("count", 4L)));
                byte[] syncCount = new byte[8], asyncCount = new byte[8];
                r.ExpectSame("read of the expiration count of an expired timer", r.Sync("Probe_read_expirations", a, syncCount), await r.Async(("fd", b), ("buf", asyncCount), ("count", 8L)));
                r.ExpectBytes("expirations", syncCount, asyncCount);
            });
        },
        ["fam.signalfd_ordinary_mask_value"] = async r =>
        {
            const long SigUsr1 = 1L << 9;
            r.ExpectSame("signalfd of a new descriptor for SIGUSR1", r.Sync("Probe_signalfd", -1, SigUsr1, SfdCloexec), ClosedDescriptor(r, await r.Async(("fd", -1), ("mask", SigUsr1), ("flags", SfdCloexec))));
            r.ExpectBadFd(r.Sync("Probe_signalfd", HeldOutRun.NotAnOpenFd, SigUsr1, SfdCloexec), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("mask", SigUsr1), ("flags", SfdCloexec)));
            r.ExpectSame("signalfd with unknown flags (EINVAL)", r.Sync("Probe_signalfd", -1, SigUsr1, 1), ClosedDescriptor(r, await r.Async(("fd", -1), ("mask", SigUsr1), ("flags", 1))));
        },
        ["fam.inotify_init1_stated"] = async r =>
        {
            r.ExpectSame("inotify_init1", r.Sync("Probe_inotify_init1", OCloexec), ClosedDescriptor(r, await r.Async(("flags", OCloexec))));
            r.ExpectSame("inotify_init1 with unknown flags (EINVAL)", r.Sync("Probe_inotify_init1", 1), ClosedDescriptor(r, await r.Async(("flags", 1))));
        },
        ["fam.inotify_add_watch_bytepath_safehandle"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_add_watch", HeldOutRun.NotAnOpenFd, r.Directory), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("pathname", new PathArg(r.Directory)), ("mask", (uint)InCreate)));
            await WithINotify(r, async (a, b) =>
            {
                string missing = Path.Combine(r.Directory, "fam-watch-missing");
                r.ExpectSame("inotify_add_watch of a missing path", r.Sync("Probe_add_watch", a, missing), await r.Async(("fd", b), ("pathname", new PathArg(missing)), ("mask", (uint)InCreate)));
                r.ExpectSame("inotify_add_watch of the directory (the watch descriptor)", r.Sync("Probe_add_watch", a, r.Directory), await r.Async(("fd", b), ("pathname", new PathArg(r.Directory)), ("mask", (uint)InCreate)));
            });
        },
        ["fam.inotify_read_events_span"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_read_events", HeldOutRun.NotAnOpenFd, new byte[64]), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buffer", new byte[64]), ("count", 64L)));
            string watched = Path.Combine(r.Directory, "fam-inotify-events");
            Directory.CreateDirectory(watched);
            await WithINotify(r, async (a, b) =>
            {
                r.Sync("Probe_add_watch", a, watched);
                r.Sync("Probe_add_watch", b, watched);
                File.WriteAllBytes(Path.Combine(watched, "created"), Content);
                r.ExpectSame("read of 8 bytes from an inotify descriptor with an event (EINVAL: too small)", r.Sync("Probe_read_events", a, new byte[8]), await r.Async(("fd", b), ("buffer", new byte[8]), ("count", 8L)));
                byte[] syncEvents = new byte[256], asyncEvents = new byte[256];
                r.ExpectSame("read of the events", r.Sync("Probe_read_events", a, syncEvents), await r.Async(("fd", b), ("buffer", asyncEvents), ("count", 256L)));
                r.ExpectBytes("events", syncEvents, asyncEvents);
            });
        },
        ["fam.sched_getaffinity_outputbuffer"] = async r =>
        {
            foreach ((string what, int pid, int size) in new[] { ("of the process", Environment.ProcessId, 128), ("into 7 bytes (EINVAL)", Environment.ProcessId, 7), ("of no such process (ESRCH)", NoSuchPid, 128) })
            {
                byte[] syncMask = new byte[size], asyncMask = new byte[size];
                r.ExpectSame("sched_getaffinity " + what, r.Sync("Probe_affinity", pid, syncMask), await r.Async(("pid", pid), ("cpusetsize", (long)size), ("mask", asyncMask)));
                r.ExpectBytes("the CPU mask", syncMask, asyncMask);
            }

            r.ExpectCallingThreadRefused("sched_getaffinity of the calling thread (pid 0)", await r.Async(("pid", 0), ("cpusetsize", 128L), ("mask", new byte[128])), "pid");
        },
        ["fam.sched_getaffinity_out_cpuset"] = async r =>
        {
            foreach ((string what, int pid) in new[] { ("of the process", Environment.ProcessId), ("of no such process (ESRCH)", NoSuchPid) })
            {
                r.ExpectSame("sched_getaffinity " + what + " (the first word of the set)", r.Sync("Probe_affinity_set", pid, 128L),
                    WithMember(await r.Async(("pid", pid), ("cpusetsize", 128L)), "FirstWord"));
            }

            r.ExpectCallingThreadRefused("sched_getaffinity of the calling thread (pid 0)", await r.Async(("pid", 0), ("cpusetsize", 128L)), "pid");
        },
        ["fam.mmap_intptr_map_failed"] = async r =>
        {
            async Task<VariantOutcome> Map(long length, int flags, int fd)
            {
                VariantOutcome outcome = await r.Async(("addr", 0L), ("length", length), ("prot", 3), ("flags", flags), ("fd", fd), ("offset", 0L));
                if (outcome.Number is long address && address != -1 && address != 0)
                {
                    r.Sync("Probe_munmap", address, length);
                    return outcome with { Number = 0 };
                }

                return outcome;
            }

            r.ExpectSame("mmap of an anonymous page (0: a mapping came back)", r.Sync("Probe_mmap", 4096L, 0x22, -1), await Map(4096, 0x22, -1));
            r.ExpectSame("mmap of 0 bytes (EINVAL)", r.Sync("Probe_mmap", 0L, 0x22, -1), await Map(0, 0x22, -1));
            r.ExpectBadFd(r.Sync("Probe_mmap", 4096L, 0x02, HeldOutRun.NotAnOpenFd), await Map(4096, 0x02, HeldOutRun.NotAnOpenFd));
        },
        ["fam.munmap_stated"] = async r =>
        {
            long a = r.Sync("Probe_map_page"), b = r.Sync("Probe_map_page");
            r.ExpectSame("munmap of a mapped page", r.Sync("Probe_munmap", a, 4096L), await r.Async(("addr", b), ("length", 4096L)));
            r.ExpectSame("munmap at an unaligned address (EINVAL)", r.Sync("Probe_munmap", 1L, 4096L), await r.Async(("addr", 1L), ("length", 4096L)));
            r.ExpectSame("munmap of 0 bytes (EINVAL)", r.Sync("Probe_munmap", 4096L, 0L), await r.Async(("addr", 4096L), ("length", 0L)));
        },
        ["fam.madvise_nint_enum"] = async r =>
        {
            long a = r.Sync("Probe_map_page"), b = r.Sync("Probe_map_page");
            try
            {
                r.ExpectSame("madvise MADV_DONTNEED of a mapped page", r.Sync("Probe_madvise", a, 4), await r.Async(("addr", b), ("length", 4096L), ("advice", 4)));
                r.ExpectSame("madvise at an unaligned address (EINVAL)", r.Sync("Probe_madvise", a + 1, 4), await r.Async(("addr", b + 1), ("length", 4096L), ("advice", 4)));
            }
            finally
            {
                r.Sync("Probe_munmap", a, 4096L);
                r.Sync("Probe_munmap", b, 4096L);
            }
        },
        ["fam.mmap_ordinary_throwing"] = async r =>
        {
            VariantOutcome mapped = await r.Async(("length", 4096L));
            if (mapped.Number is long address && address > 0)
            {
                r.Sync("Probe_munmap", address, 4096L);
                mapped = mapped with { Number = 0 };
            }

            r.ExpectSame("map an anonymous page (0: a mapping came back)", r.Sync("Probe_map_anonymous", 4096L), mapped);
            long sync = r.Sync("Probe_map_anonymous", 0L);
            VariantOutcome outcome = await r.Async(("length", 0L));
            r.Row.Runs.Add("map 0 bytes: sync " + sync + " (IOException), async " + outcome);
            if (sync != -EInval || outcome.Other is not IOException)
            {
                r.Row.Problems.Add("map 0 bytes: the wrapper throws IOException; the variant " + outcome);
            }
        },
        ["fam.pipe2_out_struct_two_ints"] = async r =>
        {
            int[] syncFds = new int[2];
            long sync = r.Sync("Probe_pipe2_struct", syncFds);
            VariantOutcome outcome = await r.Async(("flags", OCloexec));
            r.ExpectSame("pipe2 into an out struct of two ints", sync, outcome);
            object? pair = outcome.Result?.GetType().Name == "PipeFds" ? outcome.Result
                : outcome.Result?.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0).Select(p => p.GetValue(outcome.Result)).FirstOrDefault(v => v?.GetType().Name == "PipeFds");
            int[] got = pair is null ? FdsIn(outcome.Result) : new[] { (int)pair.GetType().GetField("ReadFd")!.GetValue(pair)!, (int)pair.GetType().GetField("WriteFd")!.GetValue(pair)! };
            r.Row.Runs.Add("pipe descriptors: sync " + string.Join(",", syncFds) + ", async " + string.Join(",", got));
            if (got.Length != 2 || got[0] <= 2 || got[1] <= 2 || got[0] == got[1])
            {
                r.Row.Problems.Add("pipe2: the two new descriptors are not in the result (descriptors leaked)");
            }

            foreach (int fd in syncFds.Concat(got).Where(fd => fd > 2).Distinct())
            {
                r.Sync("Probe_close", fd);
            }
        },
        ["fam.socketpair_int_pointer"] = r => PipeRun(r, "Probe_socketpair", ("domain", 1), ("type", 1 | OCloexec), ("protocol", 0)),
        ["fam.pipe2_span_too_short_e2e"] = async r =>
        {
            await PipeRun(r, "Probe_pipe2_span", ("pipefd", new int[2]), ("flags", OCloexec));
            ExpectRefusedBeforeTheCall(r, "pipe2 into a one-int span", await r.Async(("pipefd", new int[1]), ("flags", OCloexec)));
        },
        ["fam.prctl_get_name_bytes"] = async r =>
        {
            // PR_GET_NAME reads the calling thread's name: the variant refuses it at the call; PR_GET_DUMPABLE is the process's.
            r.ExpectCallingThreadRefused("prctl(PR_GET_NAME)", await r.Async(("option", PrGetName), ("arg2", new byte[16]), ("arg3", 0L), ("arg4", 0L), ("arg5", 0L)), "option");
            r.ExpectSame("prctl(PR_GET_DUMPABLE)", r.Sync("Probe_prctl_stated", PrGetDumpable), await r.Async(("option", PrGetDumpable), ("arg2", new byte[16]), ("arg3", 0L), ("arg4", 0L), ("arg5", 0L)));
        },
        ["fam.prctl_get_name_ordinary"] = async r =>
        {
            byte[] syncName = new byte[16], asyncName = new byte[16];
            r.ExpectSame("PR_GET_NAME through an ordinary method", r.Sync("Probe_thread_name", syncName), await r.Async(("name", asyncName)));
            r.ExpectBytes("the calling thread's name", syncName, asyncName);
        },
        ["fam.prctl_get_dumpable_stated"] = async r =>
        {
            r.ExpectSame("prctl(PR_GET_DUMPABLE)", r.Sync("Probe_prctl_stated", PrGetDumpable), await r.Async(("option", PrGetDumpable), ("arg2", 0L), ("arg3", 0L), ("arg4", 0L), ("arg5", 0L)));
            // An option prctl(2) does not list is counted as one that acts on the calling thread: refused at the call.
            r.ExpectCallingThreadRefused("prctl of an option the man page does not list", await r.Async(("option", 9999), ("arg2", 0L), ("arg3", 0L), ("arg4", 0L), ("arg5", 0L)), "option");
        },
    };

    private static string NewFile(HeldOutRun r, string name, byte[] content)
    {
        string path = Path.Combine(r.Directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>A file holding the attribute <see cref="AttrName"/> (set by a plain setxattr, not a wrapper under test).</summary>
    private static string FileWithAttribute(HeldOutRun r, string name)
    {
        string path = NewFile(r, name, Content);
        long set = r.Sync("Probe_set_attr", path, AttrName, AttrValue);
        if (set != 0)
        {
            throw new InvalidOperationException(r.Row.Case.Id + ": setting a user attribute on " + path + " gave " + set + "; the run is wrong");
        }

        return path;
    }

    private static void ExpectSameAttribute(HeldOutRun r, string pathA, string pathB)
    {
        byte[] a = new byte[64], b = new byte[64];
        r.ExpectSame("the attribute read back", r.Sync("Probe_getxattr", pathA, AttrName, a), new VariantOutcome(null, r.Sync("Probe_getxattr", pathB, AttrName, b), null, null));
        r.ExpectBytes("the attribute's value", a, b);
    }

    /// <summary>A getxattr-like call by path: a missing path, the size query (NULL and 0), a full buffer, a short one (ERANGE).</summary>
    private static async Task GetAttributeByPath(HeldOutRun r, string probe, Func<string, byte[]?, (string, object?)[]> arguments, bool nullIsEmpty = false)
    {
        string missing = Path.Combine(r.Directory, "vr-get-missing-" + r.Row.Case.Id);
        r.ExpectSame("of a missing path", r.Sync(probe, missing, AttrName, new byte[64]), await r.Async(arguments(missing, new byte[64])));
        string pathA = FileWithAttribute(r, "vr-get-a-" + r.Row.Case.Id), pathB = FileWithAttribute(r, "vr-get-b-" + r.Row.Case.Id);
        byte[]? query = nullIsEmpty ? Array.Empty<byte>() : null;
        r.ExpectSame("the size query (no buffer, size 0)", r.Sync(probe, pathA, AttrName, query), await r.Async(arguments(pathB, query)));
        byte[] syncValue = new byte[64], asyncValue = new byte[64];
        r.ExpectSame("into 64 bytes", r.Sync(probe, pathA, AttrName, syncValue), await r.Async(arguments(pathB, asyncValue)));
        r.ExpectBytes("the attribute's value", syncValue, asyncValue);
        r.ExpectSame("into 4 bytes (ERANGE)", r.Sync(probe, pathA, AttrName, new byte[4]), await r.Async(arguments(pathB, new byte[4])));
        string plainA = NewFile(r, "vr-get-plain-a-" + r.Row.Case.Id, Content), plainB = NewFile(r, "vr-get-plain-b-" + r.Row.Case.Id, Content);
        r.ExpectSame("of an attribute the file lacks (ENODATA)", r.Sync(probe, plainA, AttrName, new byte[64]), await r.Async(arguments(plainB, new byte[64])));
    }

    /// <summary>A listxattr-like call by path: the size query, a full buffer with the names, a short one (ERANGE).</summary>
    private static async Task ListAttributesByPath(HeldOutRun r, string probe, Func<string, byte[]?, (string, object?)[]> arguments, bool nullIsEmpty = false)
    {
        string pathA = FileWithAttribute(r, "vr-list-a-" + r.Row.Case.Id), pathB = FileWithAttribute(r, "vr-list-b-" + r.Row.Case.Id);
        byte[]? query = nullIsEmpty ? Array.Empty<byte>() : null;
        r.ExpectSame("the size query (no buffer, size 0)", r.Sync(probe, pathA, query), await r.Async(arguments(pathB, query)));
        byte[] syncList = new byte[64], asyncList = new byte[64];
        r.ExpectSame("into 64 bytes", r.Sync(probe, pathA, syncList), await r.Async(arguments(pathB, asyncList)));
        r.ExpectBytes("the attribute names", syncList, asyncList);
        r.ExpectSame("into 3 bytes (ERANGE)", r.Sync(probe, pathA, new byte[3]), await r.Async(arguments(pathB, new byte[3])));
        string missing = Path.Combine(r.Directory, "vr-list-missing-" + r.Row.Case.Id);
        r.ExpectSame("of a missing path", r.Sync(probe, missing, new byte[64]), await r.Async(arguments(missing, new byte[64])));
    }

    /// <summary>readlink-like calls: a full buffer, a short one (truncated, no NUL), size 0, a file that is not a link, a missing path.</summary>
    private static async Task ReadLinkRun(HeldOutRun r, string probe, Func<string, byte[], (string, object?)[]> arguments, int? dirfd = null)
    {
        string link = Path.Combine(r.Directory, "vr-link-" + r.Row.Case.Id), plain = NewFile(r, "vr-link-plain-" + r.Row.Case.Id, Content);
        File.CreateSymbolicLink(link, "target-of-the-link");
        foreach ((string what, string path, int size) in new[] { ("a link into 64 bytes", link, 64), ("a link into 5 bytes (truncated)", link, 5), ("a link into 0 bytes (EINVAL)", link, 0), ("a file that is no link (EINVAL)", plain, 64), ("a missing path", link + "-missing", 64) })
        {
            byte[] syncBuffer = Enumerable.Repeat((byte)0xAA, size).ToArray(), asyncBuffer = Enumerable.Repeat((byte)0xAA, size).ToArray();
            long sync = dirfd is int d ? r.Sync(probe, d, path, syncBuffer) : r.Sync(probe, path, syncBuffer);
            r.ExpectSame("readlink of " + what, sync, await r.Async(arguments(path, asyncBuffer)));
            r.ExpectBytes("the link target (and the bytes after it, untouched)", syncBuffer, asyncBuffer);
        }
    }

    /// <summary>Two files with the content and two pipes; the bytes each pipe received are compared after the run.</summary>
    private static async Task SpliceToPipe(HeldOutRun r, string name, Func<int, int, int, int, Task> run)
    {
        int inA = r.OpenFile(name + "-in-a", Content), inB = r.OpenFile(name + "-in-b", Content);
        int[] pipeA = new int[2], pipeB = new int[2];
        r.Sync("Probe_pipe", pipeA);
        r.Sync("Probe_pipe", pipeB);
        try
        {
            await run(inA, inB, pipeA[1], pipeB[1]);
            r.Sync("Probe_close", pipeA[1]);
            r.Sync("Probe_close", pipeB[1]);
            pipeA[1] = pipeB[1] = -1;
            byte[] syncBytes = new byte[64], asyncBytes = new byte[64];
            r.ExpectSame("bytes in the pipe", r.Sync("Probe_read", pipeA[0], syncBytes), new VariantOutcome(null, r.Sync("Probe_read", pipeB[0], asyncBytes), null, null));
            r.ExpectBytes("the pipe's bytes", syncBytes, asyncBytes);
        }
        finally
        {
            foreach (int fd in pipeA.Concat(pipeB).Where(fd => fd >= 0))
            {
                r.Sync("Probe_close", fd);
            }
        }
    }

    /// <summary>getdents64 of two descriptors of one directory: entries, the end (0), a buffer too small for one entry (EINVAL).</summary>
    private static async Task DirectoryEntries(HeldOutRun r, string probe, Func<int, byte[], (string, object?)[]> arguments)
    {
        r.ExpectBadFd(r.Sync(probe, HeldOutRun.NotAnOpenFd, new byte[1024]), await r.Async(arguments(HeldOutRun.NotAnOpenFd, new byte[1024])));
        string directory = Path.Combine(r.Directory, "vr-dents-" + r.Row.Case.Id);
        Directory.CreateDirectory(directory);
        foreach (string file in new[] { "one", "two", "three-with-a-longer-name" })
        {
            File.WriteAllBytes(Path.Combine(directory, file), Content);
        }

        int a = (int)r.Sync("Probe_open_dir", directory), b = (int)r.Sync("Probe_open_dir", directory);
        try
        {
            r.ExpectSame("getdents64 into 8 bytes (EINVAL)", r.Sync(probe, a, new byte[8]), await r.Async(arguments(b, new byte[8])));
            byte[] syncEntries = new byte[4096], asyncEntries = new byte[4096];
            r.ExpectSame("getdents64 into 4096 bytes", r.Sync(probe, a, syncEntries), await r.Async(arguments(b, asyncEntries)));
            r.ExpectBytes("directory entries", syncEntries, asyncEntries);
            r.ExpectSame("getdents64 at the end", r.Sync(probe, a, new byte[4096]), await r.Async(arguments(b, new byte[4096])));
        }
        finally
        {
            r.Sync("Probe_close", a);
            r.Sync("Probe_close", b);
        }
    }

    private static async Task WithTimers(HeldOutRun r, Func<int, int, Task> run)
    {
        int a = (int)r.Sync("Probe_timerfd_open"), b = (int)r.Sync("Probe_timerfd_open");
        try
        {
            await run(a, b);
        }
        finally
        {
            r.Sync("Probe_close", a);
            r.Sync("Probe_close", b);
        }
    }

    private static async Task WithINotify(HeldOutRun r, Func<int, int, Task> run)
    {
        int a = (int)r.Sync("Probe_inotify_open"), b = (int)r.Sync("Probe_inotify_open");
        try
        {
            await run(a, b);
        }
        finally
        {
            r.Sync("Probe_close", a);
            r.Sync("Probe_close", b);
        }
    }

    /// <summary>timerfd_gettime after arming with an interval of 9 s: EBADF on a closed descriptor, the interval read back.</summary>
    private static async Task TimerInterval(HeldOutRun r, string probe)
    {
        r.ExpectBadFd(r.Sync(probe, HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
        await WithTimers(r, async (a, b) =>
        {
            r.Sync("Probe_arm", a, 9L, 100L, new long[1]);
            r.Sync("Probe_arm", b, 9L, 100L, new long[1]);
            VariantOutcome outcome = await r.Async(("fd", b));
            r.ExpectSame("timerfd_gettime of an armed timer (its interval)", r.Sync(probe, a), outcome.Other is null && outcome.Errno is null ? outcome with { Number = IntervalOf(outcome.Result) } : outcome);
        });
    }

    /// <summary>it_interval.tv_sec of an ItimerSpec in the result (the struct itself, or a member holding it), or null.</summary>
    private static long? IntervalOf(object? result)
    {
        object? spec = result?.GetType().Name == "ItimerSpec" ? result
            : result?.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0).Select(p => p.GetValue(result)).FirstOrDefault(v => v?.GetType().Name == "ItimerSpec");
        object? interval = spec?.GetType().GetField("Interval")?.GetValue(spec);
        return interval?.GetType().GetField("Seconds")?.GetValue(interval) is long seconds ? seconds : null;
    }

    private static Array MessageVector(HeldOutRun r, int count, int length, byte fill) =>
        (Array)r.CallStatic("HeldOut.Families.MessageVectors", "Over", count, length, fill)!;

    private static long MessageLengths(HeldOutRun r, Array vector) => (long)r.CallStatic("HeldOut.Families.MessageVectors", "Lengths", vector)!;

    /// <summary>The value an out parameter wrote, from the result (a member named like it, else the result itself).</summary>
    private static VariantOutcome WithMember(VariantOutcome outcome, string name) =>
        outcome.Other is not null || outcome.Errno is not null ? outcome : outcome with { Number = HeldOutRun.Member(outcome.Result, name) ?? outcome.Number };

    private static void ExpectMember(HeldOutRun r, string what, VariantOutcome outcome, string name, long sync)
    {
        if (outcome.Other is not null || outcome.Errno is not null)
        {
            return;
        }

        long? written = HeldOutRun.Member(outcome.Result, name);
        r.Row.Runs.Add(what + ": sync " + sync + ", async " + (written?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not returned (" + outcome + ")"));
        if (written != sync)
        {
            r.Row.Problems.Add(what + ": the kernel wrote " + sync + " through '" + name + "'; the variant " + (written is null ? "does not return it" : "returns " + written));
        }
    }

    /// <summary>A count past its managed buffer must be refused before the call (ArgumentException), or the kernel writes past it.</summary>
    private static void ExpectRefusedBeforeTheCall(HeldOutRun r, string what, VariantOutcome outcome)
    {
        r.Row.Runs.Add(what + ": async " + outcome);
        if (outcome.Other is not ArgumentException)
        {
            r.Row.Problems.Add(what + ": the variant " + outcome + "; it must refuse before the call (the kernel would go past the buffer)");
        }
    }
}
