// An awaited audit write sits between the P/Invoke and the errno read; no other P/Invoke comes before it.
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
        await audit.WriteLineAsync("fchmod " + fd + " -> " + result);
        if (result < 0)
        {
            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "fchmod");
        }
    }
}
