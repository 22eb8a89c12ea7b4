namespace AsyncSys.Analyzers;

/// <summary>Each rule's documentation page, shown by the IDE and printed by the command-line build.</summary>
internal static class HelpLinks
{
    public static string For(string id) => "https://github.com/asyncsys/asyncsys/blob/main/docs/diagnostics/" + id + ".md";
}
