// The loader validates the header first and starts the read inside the innermost try, awaiting it and copying the page out before that try's finally returns the rental; the outer catches and the throw; rethrow are unchanged.
using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.InnermostFinallyRentalOk;

internal sealed class PageLoader(IoRing ring, int fd, TextWriter log)
{
    private const int PageSize = 8192;

    public async Task<int> LoadAsync(long page, ReadOnlyMemory<byte> header, Memory<byte> destination, CancellationToken ct)
    {
        byte[] rental = ArrayPool<byte>.Shared.Rent(PageSize);
        try
        {
            try
            {
                try
                {
                    Validate(header.Span, page);
                    int n = await ring.ReadAsync(fd, rental.AsMemory(0, PageSize), page * PageSize, ct).ConfigureAwait(false);
                    rental.AsSpan(0, n).CopyTo(destination.Span);
                    return n;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(rental);
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
            return -1;
        }
    }

    private static void Validate(ReadOnlySpan<byte> header, long page)
    {
        if (header.Length < 8 || header[0] != (byte)(page & 0xff))
        {
            throw new InvalidDataException("header does not name the page");
        }
    }
}
