// A FileStream-style factory ported to the ring opens the file with ring.OpenAsync but left the preallocation (FileStreamOptions.PreallocationSize in the original) on the generated fallocate wrapper's synchronous form: the async method blocks a pool thread while the filesystem reserves the space.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Corpus57.CreateFallocateBad;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fallocate(int fd, int mode, long offset, long length);
}

internal sealed class SegmentFiles(IoRing ring)
{
    public async Task<SafeFileHandle> CreateAsync(string path, long preallocationSize, CancellationToken ct)
    {
        SafeFileHandle handle = await ring.OpenAsync(path, OpenFlags.Create | OpenFlags.WriteOnly, UnixFileMode.UserRead | UnixFileMode.UserWrite, ct).ConfigureAwait(false);
        if (preallocationSize > 0 && /*~ASYS1007*/Native.Fallocate((int)handle.DangerousGetHandle(), 0, 0, preallocationSize) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            handle.Dispose();
            throw new IOException("fallocate of " + path + " failed, errno " + errno);
        }

        return handle;
    }
}
