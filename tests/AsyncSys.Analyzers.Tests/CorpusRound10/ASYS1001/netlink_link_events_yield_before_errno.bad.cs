using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Round10.Errno.NetlinkLinkEvents;

internal enum LinkChange { Up, Down, Overrun }

internal readonly record struct LinkEvent(LinkChange Change, int InterfaceIndex);

/// <summary>
/// A network monitor reads RTM_NEWLINK/RTM_DELLINK notifications from a NETLINK_ROUTE socket. When the socket's
/// buffer overflowed (ENOBUFS) the consumer must re-dump the link table, so it is told first.
/// </summary>
internal sealed class LinkMonitor(int netlinkFd)
{
    private const int ENOBUFS = 105;
    private const ushort RTM_NEWLINK = 16;
    private const ushort RTM_DELLINK = 17;

    [DllImport("libc", SetLastError = true)]
    private static extern nint recv(int fd, byte[] buffer, nint length, int flags);

    public IEnumerable<LinkEvent> Events()
    {
        byte[] buffer = new byte[16 * 1024];
        while (true)
        {
            int n = (int)recv(netlinkFd, buffer, buffer.Length, 0);
            if (n > 0)
            {
                foreach (LinkEvent parsed in Parse(buffer, n))
                {
                    yield return parsed;
                }

                continue;
            }

            if (n == 0)
            {
                yield break;
            }

            // The consumer runs here (it logs, redraws, may call into libc) before errno is looked at.
            yield return new LinkEvent(LinkChange.Overrun, 0);
            int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
            if (errno == ENOBUFS)
            {
                continue;
            }

            throw new Win32Exception(errno, "recv on the netlink socket failed");
        }
    }

    private static IEnumerable<LinkEvent> Parse(byte[] buffer, int length)
    {
        int offset = 0;
        while (offset + 16 + 8 <= length)
        {
            int messageLength = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(offset));
            ushort type = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(offset + 4));
            int index = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(offset + 16 + 4));
            if (type == RTM_NEWLINK) yield return new LinkEvent(LinkChange.Up, index);
            else if (type == RTM_DELLINK) yield return new LinkEvent(LinkChange.Down, index);
            if (messageLength <= 0) yield break;
            offset += (messageLength + 3) & ~3;
        }
    }
}
