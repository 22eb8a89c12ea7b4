using System.Runtime.Versioning;

// io_uring, Linux AIO and the libc calls the workers make exist only on Linux. Saying so lets the platform
// compatibility analyzer (CA1416) warn a consumer whose code can reach AsyncSys on Windows or macOS, instead of
// that code failing at run time with DllNotFoundException or EntryPointNotFoundException.
[assembly: SupportedOSPlatform("linux")]
