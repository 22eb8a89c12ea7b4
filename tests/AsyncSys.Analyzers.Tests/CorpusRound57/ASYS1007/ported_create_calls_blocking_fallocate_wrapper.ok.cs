// A FileStream-style factory ported to the ring opens the file with ring.OpenAsync and preallocates through the generated fallocate wrapper's async variant, awaited, so no pool thread waits while the space is reserved.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Corpus57.CreateFallocateOk;

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
        if (preallocationSize > 0)
        {
            try
            {
                await Native.FallocateAsync(ring, (int)handle.DangerousGetHandle(), 0, 0, preallocationSize, ct).ConfigureAwait(false);
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }

        return handle;
    }
}
