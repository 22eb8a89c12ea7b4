// The same fixture keeps errno in a local right after mkdtemp fails and only then probes the parent directory for the
// message: the probe's stat cannot change the value already taken.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Round16.Errno.MkdtempKeptBeforeProbe;

internal static class Native
{
    [DllImport("libc", EntryPoint = "mkdtemp", SetLastError = true)]
    internal static extern IntPtr MkdTemp(byte[] template);
}

public sealed class ScratchDirectoryFixture : IDisposable
{
    public string Path { get; }

    public ScratchDirectoryFixture(string parent)
    {
        byte[] template = Encoding.UTF8.GetBytes(parent + "/asys-test-XXXXXX\0");
        IntPtr made = Native.MkdTemp(template);
        if (made == IntPtr.Zero)
        {
            int errno = Marshal.GetLastPInvokeError();
            string where = Directory.Exists(parent) ? parent : parent + " (missing)";
            throw new IOException("mkdtemp in " + where + " failed, errno " + errno);
        }

        Path = Encoding.UTF8.GetString(template, 0, template.Length - 1);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
