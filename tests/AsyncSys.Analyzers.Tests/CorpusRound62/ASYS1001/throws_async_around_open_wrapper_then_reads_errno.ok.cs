// The same test against a wrapper that saves the error right after the failing open and carries it in its exception: the test asserts on the exception's errno, not on whatever the thread's saved error is after the await.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace Corpus62.ThrowsAsyncThenErrnoOk;

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

internal sealed class OpenFailedException(string path, int errno) : IOException("open failed: " + path)
{
    public int Errno { get; } = errno;
}

internal static class FileOpener
{
    public static async Task<int> OpenAsync(string path)
    {
        await Task.Yield();
        int fd = Native.Open(path, 0);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new OpenFailedException(path, errno);
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
        OpenFailedException failure = await Assert.ThrowsAsync<OpenFailedException>(() => FileOpener.OpenAsync("/nonexistent/fixture"));
        Assert.Equal(ENOENT, failure.Errno);
    }
}
