// AsyncSys.Runtime is [SupportedOSPlatform("linux")]; this program is too, so CA1416 has nothing to report.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
