// A recording service appends encoder output at the end of a growing file under a lock (readers tail the same file and
// read the end offset under that lock); errno is read after the lock is left. Leaving a lock makes no P/Invoke that sets
// errno, so the value is still pwrite's.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round30.Errno.RecordingAppendUnderLock;

internal static class Native
{
    [DllImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    internal static extern nint PWrite(int fd, byte[] buffer, nint count, long offset);
}

public sealed class RecordingAppender(int fd)
{
    private readonly object _gate = new();
    private long _end;

    public long End
    {
        get
        {
            lock (_gate)
            {
                return _end;
            }
        }
    }

    public void Append(byte[] chunk, int length)
    {
        nint written;
        lock (_gate)
        {
            written = Native.PWrite(fd, chunk, length, _end);
            if (written > 0)
            {
                _end += written;
            }
        }

        if (written < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "pwrite");
        }
    }
}
