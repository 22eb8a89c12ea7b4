using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// What held-out round 31 found, on the real system: an <c>[OutputValue]</c> pointer to a pointer (getpwnam_r's
/// <c>struct passwd **result</c>) made generated code that did not compile; it comes back as an <c>nint</c>.
/// </summary>
public sealed class RoundThirtyOneFixTests : IDisposable
{
    private readonly IoRing _ring = IoRing.Create();

    public void Dispose() => _ring.Dispose();

    [Fact]
    public async Task An_OutputValue_pointer_to_a_pointer_comes_back_as_an_address()
    {
        // The buffer is pinned for the whole test: the strings the call stores point into it (docs: the caller keeps it fixed).
        byte[] buffer = GC.AllocateArray<byte>(1024, pinned: true);
        var found = await RoundThirtyOneCalls.GetPwNamAsync(_ring, "root", buffer);

        Assert.Equal(0, found.ReturnValue);
        Assert.Equal(0u, found.Pwd.Uid);
        Assert.NotEqual(0, found.Result);
        Assert.Equal("root", Marshal.PtrToStringUTF8(found.Pwd.Name));
        Assert.InRange(found.Pwd.Name, Marshal.UnsafeAddrOfPinnedArrayElement(buffer, 0), Marshal.UnsafeAddrOfPinnedArrayElement(buffer, buffer.Length - 1));

        var missing = await RoundThirtyOneCalls.GetPwNamAsync(_ring, "asyncsys-no-such-user", new byte[1024]);
        Assert.Equal(0, missing.ReturnValue);
        Assert.Equal(0, missing.Result);
    }
}
