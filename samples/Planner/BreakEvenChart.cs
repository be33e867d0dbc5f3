using System.Globalization;
using System.Xml.Linq;
using Inference.Sdk.Costs;

namespace Planner;

/// <summary>Draws cost a month against tokens a day for the hosted API, the best rented and the best owned placement, with the crossovers marked, as SVG.</summary>
internal static class BreakEvenChart
{
    private const double Width = 960, Height = 540, Left = 90, Right = 270, Top = 50, Bottom = 70;
    private const int Samples = 600;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static void Write(string path, Comparison c)
    {
        string? directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            throw new UsageException($"--chart: the folder {directory} does not exist.");
        }

        try
        {
            Render(c).Save(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--chart {path}: {ex.Message}");
        }
    }

    public static XDocument Render(Comparison c)
    {
        Workload w = c.Workload;
        double today = w.TokensPerDay;
        double[] marks = [today, .. new[] { c.RentedBeatsApi, c.OwnedBeatsApi, c.OwnedBeatsRented }.OfType<double>().Where(v => v > 0)];

        // Log-log: the API is a straight line, each placement a staircase, and crossovers far apart in volume all show.
        double xMin = Decade(marks.Min() / 3, Math.Floor), xMax = Decade(marks.Max() * 3, Math.Ceiling);
        var curves = new List<(string Name, string Color, Func<double, decimal> Cost)>();
        if (c.ApiUsdPerMillionTokens is { } api)
        {
            curves.Add(($"hosted API (${api:0.00}/1M tokens)", "#d62728", v => BreakEven.ApiMonthlyUsd(api, v)));
        }

        if (c.Rented is { } rented)
        {
            curves.Add(($"rented: {Comparison.Name(rented)}", "#1f77b4", v => BreakEven.PlacementMonthlyUsd(rented, w, v)));
        }

        if (c.Owned is { } owned)
        {
            curves.Add(($"{Comparison.Name(owned)} (buy)", "#2ca02c", v => BreakEven.PlacementMonthlyUsd(owned, w, v)));
        }

        double[] volumes = [.. Enumerable.Range(0, Samples + 1).Select(i => xMin * Math.Pow(xMax / xMin, (double)i / Samples))];
        double[] costs = [.. curves.SelectMany(curve => volumes.Select(v => (double)curve.Cost(v))).Where(usd => usd > 0)];
        double yMin = Decade(costs.Min(), Math.Floor), yMax = Decade(costs.Max(), Math.Ceiling);
        double X(double v) => Left + ((Width - Left - Right) * Math.Log10(v / xMin) / Math.Log10(xMax / xMin));
        double Y(double usd) => Height - Bottom - ((Height - Top - Bottom) * Math.Log10(Math.Max(usd, yMin) / yMin) / Math.Log10(yMax / yMin));

        var svg = new XElement(Svg + "svg",
            new XAttribute("width", Width), new XAttribute("height", Height), new XAttribute("viewBox", $"0 0 {Width} {Height}"),
            new XAttribute("font-family", "sans-serif"), new XAttribute("font-size", 12),
            new XElement(Svg + "rect", new XAttribute("width", Width), new XAttribute("height", Height), new XAttribute("fill", "white")),
            Text(Left, 28, $"Cost a month vs volume: {w.ModelId}, {w.Pattern} (log scales)", 15, "start", "bold"));

        // Axes with a tick and a grid line at each decade.
        var axes = new XElement(Svg + "g", new XAttribute("id", "axes"), new XAttribute("stroke", "#333"));
        axes.Add(Line(Left, Height - Bottom, Width - Right, Height - Bottom), Line(Left, Top, Left, Height - Bottom));
        for (double v = xMin; v <= xMax * 1.001; v *= 10)
        {
            axes.Add(With(Line(X(v), Top, X(v), Height - Bottom), new XAttribute("stroke", "#eee")), Text(X(v), Height - Bottom + 20, Tokens(v), 12, "middle"));
        }

        for (double usd = yMin; usd <= yMax * 1.001; usd *= 10)
        {
            axes.Add(With(Line(Left, Y(usd), Width - Right, Y(usd)), new XAttribute("stroke", "#eee")), Text(Left - 8, Y(usd) + 4, $"${usd:N0}", 12, "end"));
        }

        axes.Add(Text((Left + Width - Right) / 2, Height - 20, "tokens a day", 13, "middle"));
        axes.Add(With(Text(20, (Top + Height - Bottom) / 2, "USD a month", 13, "middle"), new XAttribute("transform", $"rotate(-90 20 {(Top + Height - Bottom) / 2})")));
        svg.Add(axes);

        // Today's volume.
        svg.Add(new XElement(Svg + "g", new XAttribute("id", "today"),
            With(Line(X(today), Top, X(today), Height - Bottom), new XAttribute("stroke", "#888"), new XAttribute("stroke-dasharray", "4 4")),
            Text(X(today) + 4, Top + 12, $"today: {Tokens(today)}/day", 11, "start")));

        // The curves and the legend.
        int row = 0;
        foreach ((string name, string color, Func<double, decimal> cost) in curves)
        {
            string points = string.Join(' ', volumes.Select(v => Point(X(v), Y((double)cost(v)))));
            svg.Add(new XElement(Svg + "polyline", new XAttribute("class", "curve"), new XAttribute("points", points),
                new XAttribute("fill", "none"), new XAttribute("stroke", color), new XAttribute("stroke-width", 2.5)));
            double ly = Top + 10 + (row++ * 22);
            svg.Add(Line(Width - Right + 15, ly, Width - Right + 40, ly, color, 3), Text(Width - Right + 46, ly + 4, name, 11, "start"));
        }

        // The crossovers.
        var crossovers = new XElement(Svg + "g", new XAttribute("id", "crossovers"));
        Mark(crossovers, c.RentedBeatsApi, c.Rented, "rented = API", -1, X, Y, w);
        Mark(crossovers, c.OwnedBeatsApi, c.Owned, "owned = API", 1, X, Y, w);
        Mark(crossovers, c.OwnedBeatsRented, c.Owned, "owned < rented", 1, X, Y, w);
        svg.Add(crossovers);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), svg);
    }

    private static void Mark(XElement marks, double? volume, Placement? placement, string label, int side, Func<double, double> x, Func<double, double> y, Workload w)
    {
        if (volume is not { } v || placement is null)
        {
            return;
        }

        double cx = x(v), cy = y((double)BreakEven.PlacementMonthlyUsd(placement, w, v));
        marks.Add(new XElement(Svg + "g", new XAttribute("class", "crossover"), new XAttribute("data-tokens-per-day", Format(v)),
            new XElement(Svg + "circle", new XAttribute("cx", Format(cx)), new XAttribute("cy", Format(cy)), new XAttribute("r", 6),
                new XAttribute("fill", "none"), new XAttribute("stroke", "black"), new XAttribute("stroke-width", 2)),
            Text(cx + 9, cy - (side * 12), $"{label} at {Tokens(v)}/day", 11, "start")));
    }

    private static XElement Line(double x1, double y1, double x2, double y2, string? stroke = null, double width = 1)
    {
        var line = new XElement(Svg + "line", new XAttribute("x1", Format(x1)), new XAttribute("y1", Format(y1)), new XAttribute("x2", Format(x2)), new XAttribute("y2", Format(y2)));
        if (stroke is not null)
        {
            line.Add(new XAttribute("stroke", stroke), new XAttribute("stroke-width", width));
        }

        return line;
    }

    private static XElement Text(double x, double y, string text, double size, string anchor, string weight = "normal")
        => new(Svg + "text", new XAttribute("x", Format(x)), new XAttribute("y", Format(y)), new XAttribute("font-size", size),
            new XAttribute("text-anchor", anchor), new XAttribute("font-weight", weight), new XAttribute("stroke", "none"), text);

    private static XElement With(XElement element, params object[] content)
    {
        element.Add(content);
        return element;
    }

    private static string Point(double x, double y) => $"{Format(x)},{Format(y)}";

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Tokens(double v) => v >= 1e9 ? $"{v / 1e9:0.#} B" : v >= 1e6 ? $"{v / 1e6:0.#} M" : v >= 1e3 ? $"{v / 1e3:0.#} k" : $"{v:0}";

    // The power of ten at or around value (floor or ceiling in log scale): round axis ends.
    private static double Decade(double value, Func<double, double> round) => Math.Pow(10, round(Math.Log10(Math.Max(value, 1))));
}
