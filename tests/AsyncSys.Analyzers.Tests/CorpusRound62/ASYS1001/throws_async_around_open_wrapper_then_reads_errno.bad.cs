// A test of a file-opening wrapper asserts that opening a missing path fails with ENOENT. It wraps the call in Assert.ThrowsAsync and then reads the saved error: between the failing open and that read there is the wrapper's exception construction and throw, the test framework's catch, and an await that may resume the test on another thread, so the error read belongs to whatever ran last there.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace Corpus62.ThrowsAsyncThenErrnoBad;

[AttributeUsage(AttributeTargets.Method)]
internal sealed class FactAttribute : Attribute { }

internal static class Assert
{
    public static async Task<T> ThrowsAsync<T>(Func<Task> action) where T : Exception
    {
        try
        {
            await action();
        }
        catch (T expected)
        {
            return expected;
        }

        throw new InvalidOperationException("no " + typeof(T).Name + " was thrown");
    }

    public static void Equal(int expected, int actual)
    {
        if (expected != actual) throw new InvalidOperationException($"expected {expected}, got {actual}");
    }
}

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);
}

internal static class FileOpener
{
    public static async Task<int> OpenAsync(string path)
    {
        await Task.Yield();
        int fd = Native.Open(path, 0);
        if (fd < 0)
        {
            throw new IOException("open failed: " + path);
        }

        return fd;
    }
}

public sealed class FileOpenerTests
{
    private const int ENOENT = 2;

    [Fact]
    public async Task Missing_path_fails_with_enoent()
    {
        await Assert.ThrowsAsync<IOException>(() => FileOpener.OpenAsync("/nonexistent/fixture"));
        Assert.Equal(ENOENT, /*~ASYS1001*/Marshal.GetLastPInvokeError());
    }
}
