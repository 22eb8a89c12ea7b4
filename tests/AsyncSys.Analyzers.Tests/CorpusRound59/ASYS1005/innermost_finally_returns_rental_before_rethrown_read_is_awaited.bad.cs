// A page cache's loader starts the ring read of a page into a rented array, then validates the request's header inside three nested try blocks: the outer catch maps the failure to a cache miss, the middle one logs and rethrows with throw;, and only the innermost finally returns the rental. That finally runs when the validation ends, on the normal path too, while the read started before the tries is still filling the array; the await comes after all three blocks.
using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.InnermostFinallyRentalBad;

internal sealed class PageLoader(IoRing ring, int fd, TextWriter log)
{
    private const int PageSize = 8192;

    public async Task<int> LoadAsync(long page, ReadOnlyMemory<byte> header, Memory<byte> destination, CancellationToken ct)
    {
        byte[] rental = ArrayPool<byte>.Shared.Rent(PageSize);
        ValueTask<int> read = ring.ReadAsync(fd, rental.AsMemory(0, PageSize), page * PageSize, ct);
        try
        {
            try
            {
                try
                {
                    Validate(header.Span, page);
                }
                finally
                {
                    /*~ASYS1005*/ArrayPool<byte>.Shared.Return(rental);
                }
            }
            catch (InvalidDataException e)
            {
                log.WriteLine("page " + page + ": " + e.Message);
                throw;
            }
        }
        catch (InvalidDataException)
        {
            await read.ConfigureAwait(false);
            return -1;
        }

        int n = await read.ConfigureAwait(false);
        rental.AsSpan(0, n).CopyTo(destination.Span);
        return n;
    }

    private static void Validate(ReadOnlySpan<byte> header, long page)
    {
        if (header.Length < 8 || header[0] != (byte)(page & 0xff))
        {
            throw new InvalidDataException("header does not name the page");
        }
    }
}
