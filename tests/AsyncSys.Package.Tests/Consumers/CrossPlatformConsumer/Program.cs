// A consumer that does not say it runs on Linux only: every reach into AsyncSys is a CA1416 warning.
using AsyncSys;

Console.WriteLine($"Backend: {IoRing.Shared.Backend}"); // CA1416
