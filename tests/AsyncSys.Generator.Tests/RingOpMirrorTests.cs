using System;
using AsyncSys.Generator.Model;

namespace AsyncSys.Generator.Tests;

/// <summary>The generator reads the attribute's RingOp as its own mirror enum: the two must agree name for name, value for value.</summary>
public sealed class RingOpMirrorTests
{
    [Fact]
    public void Generator_mirror_matches_the_runtime_RingOp()
    {
        Assert.Equal(Enum.GetNames<RingOp>(), Enum.GetNames<RingOpKind>());
        foreach (RingOp op in Enum.GetValues<RingOp>())
        {
            Assert.Equal((int)op, (int)Enum.Parse<RingOpKind>(op.ToString()));
        }
    }

    [Fact]
    public void Every_known_syscall_maps_to_a_real_ring_operation()
    {
        string[] required =
        {
            "read", "pread", "pread64", "write", "pwrite", "pwrite64", "readv", "writev", "preadv", "preadv2", "pwritev",
            "pwritev2", "fsync", "fdatasync", "sync_file_range", "poll", "open", "openat", "close", "statx", "fallocate",
            "posix_fadvise", "send", "recv", "sendmsg", "recvmsg", "accept", "accept4", "connect",
            "shutdown", "renameat", "renameat2", "unlinkat", "mkdirat", "splice",
        };
        foreach (string entryPoint in required)
        {
            var shapes = KnownSyscalls.Find(entryPoint);
            Assert.NotEmpty(shapes);
            Assert.All(shapes, shape => Assert.True(shape.Op > RingOpKind.Nop, entryPoint));
        }
    }

    [Fact]
    public void Lookup_prefers_the_exact_name_and_falls_back_to_ignoring_case()
    {
        Assert.Equal("pread", Assert.Single(KnownSyscalls.Find("Pread")).EntryPoint);
        Assert.Equal("pread64", Assert.Single(KnownSyscalls.Find("pread64")).EntryPoint);
        Assert.Empty(KnownSyscalls.Find("my_own_call"));
    }
}
