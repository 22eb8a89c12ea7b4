// errno is captured before the awaited audit write.
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static partial class Sys
{
    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    internal static partial int FChmod(int fd, uint mode);
}

internal sealed class PermissionFixer(TextWriter audit)
{
    public async Task RestrictAsync(int fd)
    {
        int result = Sys.FChmod(fd, 0x180);
        int errno = result < 0 ? Marshal.GetLastPInvokeError() : 0;
        await audit.WriteLineAsync("fchmod " + fd + " -> " + result);
        if (result < 0)
        {
            throw new ErrnoException(errno, "fchmod");
        }
    }
}
