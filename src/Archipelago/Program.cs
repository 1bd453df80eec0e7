using System.CommandLine;
using Archipelago.Kernel;
using Archipelago.Kernel.Cli;
using Archipelago.Modules.Cluster;
using Archipelago.Modules.Industry;
using Archipelago.Modules.Surveys;
using Archipelago.Modules.Valuation;

// Wiring only: the modules, the kernel verbs, and each module's verbs.
var modules = Program.Modules();

var root = new RootCommand("Archipelago — the open platform for biopharmaceutical innovation clusters.");
root.Options.Add(Cli.Data);
root.Options.Add(Cli.DatabaseUrl);
root.Subcommands.Add(ServeCommand.Create(modules));
foreach (var c in KernelCommands.All()) root.Subcommands.Add(c);
foreach (var m in modules)
    foreach (var c in m.Commands()) root.Subcommands.Add(c);
return await root.Parse(args).InvokeAsync();

/// <summary>The modules the app is made of, for tests that start the real app.</summary>
public partial class Program
{
    public static IReadOnlyList<IModule> Modules() => [new ClusterModule(), new SurveysModule(), new ValuationModule(), new IndustryModule()];
}
