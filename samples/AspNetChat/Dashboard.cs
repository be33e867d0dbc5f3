using Inference.Sdk.Costs;
using Inference.Sdk.Routing;

namespace AspNetChat;

/// <summary>The numbers behind <c>GET /costs</c> and <c>GET /dashboard</c>, and the dashboard page (vanilla JS on a canvas: no CDN).</summary>
public static class Dashboard
{
    public static object Costs(ICostLedger ledger, DateTimeOffset now) => new
    {
        today = ledger.GetTotals(CostDimension.Global, null, CostWindow.Day, now),
        month = ledger.GetTotals(CostDimension.Global, null, CostWindow.Month, now),
        byTarget = ledger.GetBreakdown(CostDimension.Target, CostWindow.Month, now),
        byTenant = ledger.GetBreakdown(CostDimension.Tenant, CostWindow.Month, now),
    };

    public static object Data(ICostLedger ledger, GpuUtilizationTracker utilization, HybridRouterChatClient router, RouteLog log, DateTimeOffset now) => new
    {
        monthUsd = ledger.GetTotals(CostDimension.Global, null, CostWindow.Month, now).Usd,
        byTarget = ledger.GetBreakdown(CostDimension.Target, CostWindow.Month, now).ToDictionary(p => p.Key, p => p.Value.Usd),
        byTenant = ledger.GetBreakdown(CostDimension.Tenant, CostWindow.Month, now).ToDictionary(p => p.Key, p => p.Value.Usd),
        requests = ledger.GetTotals(CostDimension.Global, null, CostWindow.Month, now).Requests,
        utilization = router.Targets.ToDictionary(t => t.Name, t => Utilization(utilization, t.Name)),
        decisions = log.Recent,
    };

    private static double Utilization(GpuUtilizationTracker tracker, string target)
    {
        try
        {
            return tracker.GetReport(target).Utilization;
        }
        catch (ArgumentException)
        {
            return 0; // not billed per GPU-hour: no utilization to show
        }
    }

    public const string Html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Inference.Sdk dashboard</title>
        <style>
          body { font: 14px system-ui, sans-serif; margin: 24px; color: #1f2937; background: #f9fafb; }
          h1 { font-size: 20px; } h2 { font-size: 15px; margin: 0 0 8px; }
          .grid { display: grid; grid-template-columns: repeat(3, 1fr); gap: 16px; }
          .card { background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 12px; }
          table { border-collapse: collapse; width: 100%; font-size: 12px; } td, th { border-bottom: 1px solid #e5e7eb; padding: 4px; text-align: left; }
          #total { font-size: 28px; font-weight: 600; }
        </style></head>
        <body>
          <h1>Inference.Sdk — costs, utilization, routing</h1>
          <div class="card"><span>This month: </span><span id="total">…</span> <span id="requests"></span></div>
          <div class="grid" style="margin-top:16px">
            <div class="card"><h2>Cost by target (USD)</h2><canvas id="byTarget" width="360" height="220"></canvas></div>
            <div class="card"><h2>Cost by tenant (USD)</h2><canvas id="byTenant" width="360" height="220"></canvas></div>
            <div class="card"><h2>GPU utilization</h2><canvas id="utilization" width="360" height="220"></canvas></div>
          </div>
          <div class="card" style="margin-top:16px"><h2>Recent route decisions</h2>
            <table><thead><tr><th>time</th><th>target</th><th>rule</th><th>tenant</th><th>prompt tokens</th><th>reasons</th></tr></thead><tbody id="decisions"></tbody></table></div>
        <script>
          const colors = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2'];
          function bars(id, data, max, format) {
            const c = document.getElementById(id), g = c.getContext('2d'), keys = Object.keys(data);
            g.clearRect(0, 0, c.width, c.height); g.font = '12px sans-serif';
            if (keys.length === 0) { g.fillText('no data yet', 10, 20); return; }
            const top = max || Math.max(...keys.map(k => data[k])) || 1, w = (c.width - 20) / keys.length;
            keys.forEach((k, i) => {
              const h = (c.height - 40) * data[k] / top, x = 10 + i * w;
              g.fillStyle = colors[i % colors.length]; g.fillRect(x + 4, c.height - 20 - h, w - 8, h);
              g.fillStyle = '#111'; g.fillText(k, x + 4, c.height - 6); g.fillText(format(data[k]), x + 4, c.height - 24 - h);
            });
          }
          async function refresh() {
            const d = await (await fetch('/dashboard/data')).json();
            document.getElementById('total').textContent = '$' + d.monthUsd.toFixed(6);
            document.getElementById('requests').textContent = '(' + d.requests + ' requests)';
            bars('byTarget', d.byTarget, 0, v => '$' + v.toFixed(6));
            bars('byTenant', d.byTenant, 0, v => '$' + v.toFixed(6));
            bars('utilization', d.utilization, 1, v => (v * 100).toFixed(0) + '%');
            document.getElementById('decisions').innerHTML = d.decisions.map(e =>
              '<tr><td>' + new Date(e.at).toLocaleTimeString() + '</td><td>' + e.target + '</td><td>' + e.rule + '</td><td>' +
              (e.tenant || '') + '</td><td>' + e.promptTokens + '</td><td>' + e.reasons.replace(/</g, '&lt;') + '</td></tr>').join('');
            document.body.dataset.loaded = 'true';
          }
          refresh(); setInterval(refresh, 5000);
        </script></body></html>
        """;
}
