// An incremental build cache stats each input with statx to compare mtime and inode with the last build. In verbose
// mode it logs the failure to the build log (a FileStream-backed TextWriter: its WriteLine may write(2) the log file)
// before switching on errno. The write's saved error replaces statx's: a deleted input (ENOENT), which should mark the
// target dirty, is taken for an I/O error and the build stops, but only when someone turned on -v to investigate.
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Round16.Errno.StatxAfterVerboseLog;

internal static class Native
{
    internal const int AT_FDCWD = -100, ENOENT = 2, ENOTDIR = 20;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    internal static extern int Statx(int dirFd, string path, int flags, uint mask, byte[] buffer);
}

public enum InputState { Unchanged, Changed, Missing }

public sealed class InputCache(TextWriter log, bool verbose)
{
    private readonly byte[] _statx = new byte[256];

    public InputState Probe(string path, long lastMtime)
    {
        if (Native.Statx(Native.AT_FDCWD, path, 0, 0x7ff, _statx) < 0)
        {
            if (verbose)
            {
                log.WriteLine("statx " + path + " failed");
            }

            switch (/*~ASYS1001*/Marshal.GetLastPInvokeError())
            {
                case Native.ENOENT:
                case Native.ENOTDIR:
                    return InputState.Missing;
                default:
                    throw new IOException("cannot stat " + path);
            }
        }

        long mtime = BitConverter.ToInt64(_statx, 0x70);
        return mtime == lastMtime ? InputState.Unchanged : InputState.Changed;
    }
}
