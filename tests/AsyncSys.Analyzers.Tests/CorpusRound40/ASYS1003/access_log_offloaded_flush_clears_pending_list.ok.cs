// The access log's offloaded flush (an instance wrapper run on a worker) takes the pending lines out under the log's lock, then writes them with write(2).
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
            _pending.Clear();
        }

        byte[] bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        return Write(fd, bytes, (nuint)bytes.Length);
    }
}
