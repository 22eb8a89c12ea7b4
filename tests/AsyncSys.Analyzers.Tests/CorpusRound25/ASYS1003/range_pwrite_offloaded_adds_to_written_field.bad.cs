// Several receive loops write their ranges into one preallocated file through an offloaded pwrite wrapper of the
// download, which also keeps the byte count for the progress bar in an instance field. The ranges' writes run on
// AsyncSys workers at once and `_written += n` loses updates: the download never reaches 100% and the completion
// check (written == length) never renames the temp file.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round25.SharedState.RangeWrittenField;

internal static class Native
{
    [DllImport("libc", EntryPoint = "pwrite64", SetLastError = true)]
    internal static extern nint PWrite(int fd, byte[] buffer, nint count, long offset);
}

public sealed partial class Download(int fileFd, long length)
{
    private long _written;

    public bool Complete => _written == length;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public nint WriteRange(byte[] chunk, int count, long offset)
    {
        nint n = Native.PWrite(fileFd, chunk, count, offset);
        if (n > 0)
        {
            /*~ASYS1003*/_written += n;
        }

        return n;
    }
}
