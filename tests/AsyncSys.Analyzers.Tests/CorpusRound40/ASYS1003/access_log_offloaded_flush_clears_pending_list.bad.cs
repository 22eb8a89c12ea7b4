// The access log's offloaded flush (an instance wrapper run on a worker) copies the pending lines under the log's lock, writes them with write(2), then clears the shared pending list outside the lock.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using AsyncSys;

namespace AccessLogging;

internal sealed partial class AccessLog(int fd)
{
    private readonly List<string> _pending = new();
    private readonly object _gate = new();

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, byte[] buffer, nuint count);

    public void Add(string line)
    {
        lock (_gate)
        {
            _pending.Add(line);
        }
    }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public nint FlushPending()
    {
        string[] lines;
        lock (_gate)
        {
            lines = _pending.ToArray();
        }

        byte[] bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        nint written = Write(fd, bytes, (nuint)bytes.Length);
        /*~ASYS1003*/_pending.Clear();
        return written;
    }
}
