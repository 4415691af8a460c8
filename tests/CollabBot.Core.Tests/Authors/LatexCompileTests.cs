using System.Diagnostics;
using CollabBot.Core.Authors;

namespace CollabBot.Core.Tests.Authors;

/// <summary>
/// authorship.md asks that the LaTeX outputs compile. These run pdflatex on the tricky list when it is installed
/// (Debian: texlive-latex-base, texlive-latex-extra for authblk, texlive-publishers for revtex4-2) and skip otherwise.
/// </summary>
public sealed class LatexCompileTests
{
    private const string Preamble = "\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n";

    [Fact]
    public async Task Latex_TrickyList_CompilesWithAuthblk()
    {
        var tex = AuthorFormats.Render(AuthorFormat.Latex, TrickyList.Build()).Content;

        await AssertCompilesAsync($"\\documentclass{{article}}\n{Preamble}\\usepackage{{authblk}}\n\\title{{{LatexFormats.Escape(TrickyList.Title)}}}\n{tex}\\begin{{document}}\n\\maketitle\n\\end{{document}}\n", "authblk.sty");
    }

    [Fact]
    public async Task Revtex_TrickyList_CompilesWithRevtex42()
    {
        var tex = AuthorFormats.Render(AuthorFormat.Revtex, TrickyList.Build()).Content;

        await AssertCompilesAsync($"\\documentclass[aps,prl,superscriptaddress]{{revtex4-2}}\n{Preamble}\\begin{{document}}\n\\title{{{LatexFormats.Escape(TrickyList.Title)}}}\n{tex}\\maketitle\n\\end{{document}}\n", "revtex4-2.cls");
    }

    private static async Task AssertCompilesAsync(string document, string needs)
    {
        var pdflatex = FindOnPath("pdflatex");
        Assert.SkipWhen(pdflatex is null, "pdflatex is not installed; apt-get install texlive-latex-base texlive-latex-extra texlive-publishers to compile the LaTeX outputs.");
        // pdflatex without the class or package the document loads (texlive-latex-base alone) cannot say anything about our output.
        Assert.SkipUnless(await TexFindsAsync(needs), $"pdflatex is installed but {needs} is not; apt-get install texlive-latex-extra texlive-publishers to compile the LaTeX outputs.");
        var dir = Directory.CreateTempSubdirectory("collabbot-tex-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "authors.tex"), document, TestContext.Current.CancellationToken);
            var start = new ProcessStartInfo(pdflatex!, ["-interaction=nonstopmode", "-halt-on-error", "authors.tex"])
            {
                WorkingDirectory = dir.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            var log = await output;
            Assert.True(process.ExitCode == 0, log.Length > 3000 ? log[^3000..] : log);

            // A glyph the font lacks is dropped with only a log line; a kept Unicode name must print.
            var fullLog = await File.ReadAllTextAsync(Path.Combine(dir.FullName, "authors.log"), TestContext.Current.CancellationToken);
            Assert.DoesNotContain("Missing character", fullLog, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task<bool> TexFindsAsync(string file)
    {
        if (FindOnPath("kpsewhich") is not { } kpsewhich)
        {
            return false;
        }

        using var process = Process.Start(new ProcessStartInfo(kpsewhich, [file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var found = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return process.ExitCode == 0 && found.Trim().Length > 0;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(p => Path.Combine(p, name))
            .FirstOrDefault(File.Exists);
}
