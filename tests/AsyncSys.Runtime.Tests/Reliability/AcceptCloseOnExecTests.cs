using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys.Interop;

namespace AsyncSys.Runtime.Tests.Reliability;

/// <summary>AcceptAsync(int) returns close-on-exec sockets unless asked otherwise (issue 16, item 14).</summary>
public sealed partial class AcceptCloseOnExecTests
{
    private const int FGetFd = 1;
    private const int FdCloexec = 1;

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_accepted_socket_is_close_on_exec_by_default(IoBackend backend)
    {
        using var ring = Backends.Create(backend);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4);

        foreach (bool inheritable in new[] { false, true })
        {
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            ValueTask<int> accepting = inheritable
                ? ring.AcceptAsync((int)listener.SafeHandle.DangerousGetHandle(), 0)
                : ring.AcceptAsync((int)listener.SafeHandle.DangerousGetHandle());
            await client.ConnectAsync(listener.LocalEndPoint!);
            int fd = await accepting;
            try
            {
                int flags = Fcntl(fd, FGetFd, 0);
                Assert.True(flags >= 0, "fcntl(F_GETFD) failed: errno " + Marshal.GetLastPInvokeError());
                Assert.Equal(inheritable ? 0 : FdCloexec, flags & FdCloexec);
            }
            finally
            {
                Libc.close(fd);
            }
        }
    }
}
