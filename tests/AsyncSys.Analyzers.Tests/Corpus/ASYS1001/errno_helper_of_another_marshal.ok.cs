// A helper whose body calls a project type that happens to be named Marshal: it reads no errno.
using System;

namespace Corpus.Wire
{
    internal static class Marshal
    {
        private static int s_lastCode;

        public static int GetLastPInvokeError() => s_lastCode;

        public static void Fail(int code) => s_lastCode = code;
    }
}

namespace Corpus
{
    using Corpus.Wire;

    internal static class Protocol
    {
        public static int LastCode => Marshal.GetLastPInvokeError();

        public static int Decode(ReadOnlySpan<byte> frame)
        {
            if (frame.Length < 4)
            {
                Marshal.Fail(22);
                Console.Error.WriteLine("short frame");
                return -LastCode;
            }

            return frame[0];
        }
    }
}
