using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round3.Store;

static partial class Native
{
    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int mkdirat(int dirFd, string path, uint mode);
}

partial class DirectoryMaker
{
    private static int LastErrno() => Marshal.GetLastPInvokeError();
}

partial class DirectoryMaker
{
    private const int EEXIST = 17;
    private readonly IoRing _ring;

    public DirectoryMaker(IoRing ring) => _ring = ring;

    public async ValueTask<bool> EnsureAsync(int parentFd, string name)
    {
        int rc = Native.mkdirat(parentFd, name, 0x1ed);
        await _ring.FsyncAsync(parentFd);   // persist the parent's entry before answering
        return rc == 0 || /*~ASYS1001*/LastErrno() == EEXIST;
    }
}
