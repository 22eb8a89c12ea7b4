namespace AsyncSys.Analyzers;

/// <summary>The categories the AsyncSys rules are filed under, for .editorconfig bulk configuration.</summary>
internal static class DiagnosticCategories
{
    /// <summary>Calling the AsyncSys APIs in a way that loses a result or an error.</summary>
    public const string Usage = "AsyncSys.Usage";

    /// <summary>State that is wrong once a call runs on another thread or next to another call.</summary>
    public const string Concurrency = "AsyncSys.Concurrency";

    /// <summary>Memory that the kernel or a worker may still touch after the caller let go of it.</summary>
    public const string Reliability = "AsyncSys.Reliability";
}
