// A test fixture makes its scratch directory with mkdtemp in its constructor. When mkdtemp fails it first probes the
// parent with Directory.Exists to word a better message, then reads errno. Directory.Exists makes its own stat
// P/Invoke (ENOENT for a missing file is its normal answer), so the saved error is the probe's: a full /tmp (ENOSPC) or
// a read-only mount (EROFS) is reported as "No such file or directory" and the CI failure points at the wrong cause.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Round16.Errno.MkdtempAfterProbe;

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
            string where = Directory.Exists(parent) ? parent : parent + " (missing)";
            throw new IOException("mkdtemp in " + where + " failed, errno " + /*~ASYS1001*/Marshal.GetLastPInvokeError());
        }

        Path = Encoding.UTF8.GetString(template, 0, template.Length - 1);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
