using System.Reflection;
using System.Text.RegularExpressions;
using Archipelago.Kernel.Localisation;
using Microsoft.AspNetCore.Authorization;

namespace Archipelago.Tests.Conventions;

/// <summary>The codebase's own rules, checked on the code itself.</summary>
public partial class ConventionTests
{
    static readonly Assembly App = typeof(Archipelago.Kernel.IModule).Assembly;

    static string SourceRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Archipelago.slnx"))) return Path.Combine(d.FullName, "src", "Archipelago");
        throw new DirectoryNotFoundException("repository root not found");
    }

    [Fact]
    public void Modules_DoNotReferenceEachOther()
    {
        var modules = Directory.GetDirectories(Path.Combine(SourceRoot(), "Modules")).Select(Path.GetFileName).ToList();
        var offences = new List<string>();
        foreach (var module in modules)
        foreach (var file in Directory.EnumerateFiles(Path.Combine(SourceRoot(), "Modules", module!), "*.cs*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            offences.AddRange(modules.Where(o => o != module && text.Contains($"Archipelago.Modules.{o}")).Select(o => $"{file} uses module {o}"));
        }
        // And by type: no type of one module exposes a type of another.
        foreach (var t in App.GetTypes().Where(t => t.Namespace?.StartsWith("Archipelago.Modules.") == true))
        {
            var own = t.Namespace!.Split('.')[2];
            var used = t.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Select(f => f.FieldType)
                .Concat(t.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                    .SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)));
            offences.AddRange(used.Where(u => u.Namespace?.StartsWith("Archipelago.Modules.") == true && u.Namespace.Split('.')[2] != own)
                .Select(u => $"{t.FullName} uses {u.FullName}"));
        }
        Assert.Empty(offences);
    }

    [Fact]
    public void Kernel_DoesNotReferenceModules()
    {
        var offences = Directory.EnumerateFiles(Path.Combine(SourceRoot(), "Kernel"), "*.cs*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("Archipelago.Modules.")).ToList();
        Assert.Empty(offences);
    }

    [Fact]
    public void Numerics_HasNoIo()
    {
        var numerics = typeof(Archipelago.Numerics.Finance.Rnpv).Assembly;
        var refs = numerics.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain(refs, r => r!.StartsWith("Microsoft.AspNetCore") || r.StartsWith("Npgsql") || r.StartsWith("Microsoft.Data"));
    }

    [GeneratedRegex("T\\[\"((?:[^\"\\\\]|\\\\.)*)\"\\]|T\\.Format\\(\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex TextKey();

    [Fact]
    public void NoInterfaceString_IsTranslatedTwoWays() => Assert.Empty(Text.Conflicts);

    [Fact]
    public void EveryInterfaceString_HasAChineseTranslation()
    {
        var missing = new SortedSet<string>();
        foreach (var file in Directory.EnumerateFiles(SourceRoot(), "*.cshtml", SearchOption.AllDirectories))
        foreach (Match m in TextKey().Matches(File.ReadAllText(file)))
        {
            var key = (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).Replace("\\\"", "\"");
            if (!Text.ChineseTable.ContainsKey(key)) missing.Add(key);
        }
        foreach (var link in Program.Modules().SelectMany(m => m.Navigation()))
            if (!Text.ChineseTable.ContainsKey(link.Label)) missing.Add(link.Label);
        Assert.Empty(missing);
    }

    [Fact]
    public void WritePages_DeclareAPolicyOrCheckTheUserInTheirHandlers()
    {
        // Page models with POST handlers either carry [Authorize(Policy = …)] or call a Security check in each handler.
        var pageModels = App.GetTypes().Where(t => t.IsSubclassOf(typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageModel)));
        // RespondModel: the public questionnaire (/s/{key}), answered without an account by design; its unguessable key
        // and the anti-forgery token guard it.
        var selfService = new[] { "SignInModel", "SignOutModel", "CultureModel", "TokensModel", "RespondModel" };
        foreach (var t in pageModels.Where(t => !selfService.Contains(t.Name)))
        {
            var posts = t.GetMethods().Where(m => m.Name.StartsWith("OnPost")).ToList();
            if (posts.Count == 0) continue;
            var policy = t.GetCustomAttribute<AuthorizeAttribute>()?.Policy;
            var source = File.ReadAllText(Directory.EnumerateFiles(SourceRoot(), t.Name.Replace("Model", "") + ".cshtml.cs", SearchOption.AllDirectories).Single());
            Assert.True(policy is not null || Regex.Matches(source, @"MayEdit(Registry|Enabler)\(").Count >= posts.Count, $"{t.Name} has POST handlers without an authorisation check");
        }
    }
}
