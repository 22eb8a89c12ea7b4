// A page cache ported from fixed + read(2) passes its page array as Memory to the generated read variant; the operation pins the array itself until it completes, so no fixed block has to outlive the method.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus57.FixedPageReadOk;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint Read(int fd, byte* buffer, nuint count);
}

internal sealed class PageCache(int fd)
{
    private readonly byte[] _page = new byte[4096];

    public ValueTask<nint> FillAsync(CancellationToken ct)
    {
        return Native.ReadAsync(fd, _page.AsMemory(), ct);
    }
}
