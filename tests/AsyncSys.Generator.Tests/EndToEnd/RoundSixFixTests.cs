using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// What held-out round 6 found, on the real kernel: a path the wrapper marshals as UTF-16 reaches the kernel as its
/// first character; the ring would send the whole path as UTF-8, so the variant must run the wrapper instead.
/// </summary>
public sealed class RoundSixFixTests : IDisposable
{
    private const int AtFdCwd = -100;
    private const int ReadOnlyCloseOnExec = 0x80000;
    private readonly IoRing _ring = IoRing.Create();
    private readonly string _directory = Directory.CreateTempSubdirectory("asyncsys-round6-").FullName;

    public void Dispose()
    {
        _ring.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Mkdirat_with_a_CharSet_Unicode_path_does_what_the_wrapper_does()
    {
        string viaSync = Path.Combine(_directory, "sync"), viaAsync = Path.Combine(_directory, "async");
        int sync = WidePathVariants.MkdirAtUnicode(AtFdCwd, viaSync, 0x1ed);
        int errno = Marshal.GetLastPInvokeError();

        ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(async () => await WidePathVariants.MkdirAtUnicodeAsync(_ring, AtFdCwd, viaAsync, 0x1ed));

        // The kernel read "/" (the UTF-16 path's first byte, then NUL): it exists.
        Assert.Equal(-1, sync);
        Assert.Equal(Errno.EEXIST, errno);
        Assert.Equal(Errno.EEXIST, error.Errno);
        Assert.False(Directory.Exists(viaSync));
        Assert.False(Directory.Exists(viaAsync));
    }

    [Fact]
    public async Task Openat_with_StringMarshalling_Utf16_opens_what_the_wrapper_opens()
    {
        string missing = Path.Combine(_directory, "missing");
        int sync = WidePathVariants.OpenAtUtf16(AtFdCwd, missing, ReadOnlyCloseOnExec, 0);
        int variant = await WidePathVariants.OpenAtUtf16Async(_ring, AtFdCwd, missing, ReadOnlyCloseOnExec, 0);
        try
        {
            // Both opened "/", not the missing file (ENOENT).
            Assert.True(sync > 2);
            Assert.True(variant > 2);
        }
        finally
        {
            Close(sync);
            Close(variant);
        }
    }

    [Fact]
    public async Task Unlinkat_with_an_LPWStr_path_leaves_the_file_as_the_wrapper_does()
    {
        string file = Path.Combine(_directory, "kept");
        File.WriteAllBytes(file, new byte[4]);
        Assert.Equal(-1, WidePathVariants.UnlinkAtWide(AtFdCwd, file, 0));
        int errno = Marshal.GetLastPInvokeError();

        ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(async () => await WidePathVariants.UnlinkAtWideAsync(_ring, AtFdCwd, file, 0));

        Assert.Equal(errno, error.Errno);
        Assert.True(File.Exists(file));
    }

    [Fact]
    public async Task UTF_8_paths_of_the_same_calls_still_reach_the_kernel_whole()
    {
        string made = Path.Combine(_directory, "made"), file = Path.Combine(_directory, "removed");
        File.WriteAllBytes(file, new byte[4]);

        Assert.Equal(0, await WidePathVariants.MkdirAtAnsiAsync(_ring, AtFdCwd, made, 0x1ed));
        Assert.Equal(0, await WidePathVariants.UnlinkAtUtf8ParameterAsync(_ring, AtFdCwd, file, 0));

        Assert.True(Directory.Exists(made));
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task A_SizeParamIndex_count_of_elements_past_the_array_is_refused_before_the_call()
    {
        uint[] list = { 0xdeadbeef };

        ArgumentOutOfRangeException refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await CountedArrayVariants.GetGroupsAsync(_ring, 2, list));
        ArgumentOutOfRangeException negative = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await CountedArrayVariants.GetGroupsAsync(_ring, -1, list));

        Assert.Equal("size", refused.ParamName);
        Assert.Equal(2, refused.ActualValue);
        Assert.Equal("size", negative.ParamName);
        Assert.Equal(0xdeadbeef, list[0]);
        uint[] viaSync = new uint[64], viaAsync = new uint[64];
        Assert.Equal(CountedArrayVariants.GetGroups(64, viaSync), await CountedArrayVariants.GetGroupsAsync(_ring, 64, viaAsync));
        Assert.Equal(viaSync, viaAsync);
        Assert.Equal(CountedArrayVariants.GetGroups(0, null), await CountedArrayVariants.GetGroupsAsync(_ring, 0, null));
    }

    [Fact]
    public async Task A_byte_count_past_a_worker_call_array_is_refused_and_one_that_fits_reads_as_the_wrapper_does()
    {
        string link = Path.Combine(_directory, "link");
        File.CreateSymbolicLink(link, "target-of-the-link");
        byte[] buffer = new byte[8];

        ArgumentOutOfRangeException refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await CountedArrayVariants.ReadLinkAsync(_ring, link, buffer, 9));

        Assert.Equal("bufsiz", refused.ParamName);
        Assert.Equal(new byte[8], buffer);
        byte[] viaSync = new byte[8], viaAsync = new byte[8];
        Assert.Equal(CountedArrayVariants.ReadLink(link, viaSync, 8), await CountedArrayVariants.ReadLinkAsync(_ring, link, viaAsync, 8));
        Assert.Equal(viaSync, viaAsync);
        // A null array holds nothing, as the ring reads it: a count of 8 is past its end; a count of 0 reaches the kernel.
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await CountedArrayVariants.ReadLinkAsync(_ring, link, null, 8));
        Assert.Equal(-1, CountedArrayVariants.ReadLink(link, null, 0));
        Assert.Equal(Errno.EINVAL, Marshal.GetLastPInvokeError());
        ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(async () => await CountedArrayVariants.ReadLinkAsync(_ring, link, null, 0));
        Assert.Equal(Errno.EINVAL, error.Errno);
    }

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);
}
