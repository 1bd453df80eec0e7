using System.CommandLine;
using Archipelago.Kernel;
using Archipelago.Kernel.Cli;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Cluster;
using Archipelago.Modules.Industry;
using Archipelago.Modules.Patents;
using Archipelago.Modules.ServiceExchange;
using Archipelago.Modules.Surveys;
using Archipelago.Modules.Valuation;

var command = Program.CommandLine().Parse(args);
// One CLI command per process: its SQLite connections can skip their per-call mutex (the server keeps it).
if (command.CommandResult.Command.Name != "serve") Database.UseSqliteMultiThreadMode();
return await command.InvokeAsync();

/// <summary>Wiring only: the modules, the kernel verbs, and each module's verbs.</summary>
public partial class Program
{
    public static IReadOnlyList<IModule> Modules() =>
        [new ClusterModule(), new PatentsModule(), new ServiceExchangeModule(), new SurveysModule(), new ValuationModule(), new IndustryModule()];

    public static RootCommand CommandLine()
    {
        var modules = Modules();
        Cli.UseModules(modules);
        var root = new RootCommand("Archipelago — the open platform for biopharmaceutical innovation clusters.");
        root.Options.Add(Cli.Data);
        root.Options.Add(Cli.DatabaseUrl);
        root.Options.Add(Cli.Server);
        root.Options.Add(Cli.Token);
        root.Subcommands.Add(ServeCommand.Create(modules));
        foreach (var c in KernelCommands.All()) root.Subcommands.Add(c);
        foreach (var m in modules)
            foreach (var c in m.Commands()) root.Subcommands.Add(c);
        return root;
    }
}
