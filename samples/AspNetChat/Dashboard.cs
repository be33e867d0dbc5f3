using Inference.Sdk.Costs;
using Inference.Sdk.Routing;

namespace AspNetChat;

/// <summary>The numbers behind <c>GET /costs</c> and <c>GET /dashboard</c>, and the dashboard page (vanilla JS on canvases: no CDN).</summary>
public static class Dashboard
{
    /// <summary>The time window the charts cover, in one-minute buckets.</summary>
    public const int Minutes = 30;

    public static object Costs(ICostLedger ledger, DateTimeOffset now) => new
    {
        today = ledger.GetTotals(CostDimension.Global, null, CostWindow.Day, now),
        month = ledger.GetTotals(CostDimension.Global, null, CostWindow.Month, now),
        byTarget = ledger.GetBreakdown(CostDimension.Target, CostWindow.Month, now),
        byTenant = ledger.GetBreakdown(CostDimension.Tenant, CostWindow.Month, now),
        byEndpoint = ledger.GetBreakdown(CostDimension.Endpoint, CostWindow.Month, now),
    };

    public static object Data(ICostLedger ledger, GpuUtilizationTracker utilization, HybridRouterChatClient router, RouteLog log, DateTimeOffset now)
    {
        IReadOnlyList<RouteEntry> entries = log.Recent;
        DateTimeOffset start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, now.Offset).AddMinutes(1 - Minutes);
        int Bucket(RouteEntry e) => (int)Math.Floor((e.At - start).TotalMinutes);
        List<RouteEntry> window = entries.Where(e => Bucket(e) is >= 0 and < Minutes).ToList();

        Dictionary<string, double[]> Series(Func<RouteEntry, string?> key, Func<RouteEntry, double> value) => window
            .Where(e => key(e) is not null)
            .GroupBy(e => key(e)!)
            .ToDictionary(g => g.Key, g =>
            {
                var values = new double[Minutes];
                foreach (RouteEntry e in g)
                {
                    values[Bucket(e)] += value(e);
                }

                return values;
            });

        string? Served(RouteEntry e) => e.Outcome == "served" ? e.Target : null;
        string Tenant(RouteEntry e) => string.IsNullOrEmpty(e.Tenant) ? "(none)" : e.Tenant;
        var ttft = entries.SelectMany(e => e.Attempts).Where(a => a.TimeToFirstTokenMs is not null)
            .GroupBy(a => a.Target)
            .ToDictionary(g => g.Key, g => new { p50 = Percentile(g.Select(a => a.TimeToFirstTokenMs!.Value), 0.50), p95 = Percentile(g.Select(a => a.TimeToFirstTokenMs!.Value), 0.95), n = g.Count() });
        CostTotals month = ledger.GetTotals(CostDimension.Global, null, CostWindow.Month, now);
        return new
        {
            monthUsd = month.Usd,
            requests = month.Requests,
            minutes = Enumerable.Range(0, Minutes).Select(i => start.AddMinutes(i)).ToArray(),
            costByTarget = Series(Served, e => (double)(e.CostUsd ?? 0)),
            costByTenant = Series(e => e.Outcome == "served" ? Tenant(e) : null, e => (double)(e.CostUsd ?? 0)),
            requestsByTarget = Series(e => e.Target, _ => 1),
            requestsByTenant = Series(Tenant, _ => 1),
            servedByEndpoint = log.ServedByEndpoint(),
            costByEndpoint = ledger.GetBreakdown(CostDimension.Endpoint, CostWindow.Month, now),
            ttftMs = ttft,
            outcomes = new
            {
                served = entries.Count(e => e.Outcome == "served" && e.Attempts.Count <= 1),
                failedOver = entries.Count(e => e.Outcome == "served" && e.Attempts.Count > 1),
                refused = entries.Count(e => e.Outcome == "refused"),
                failed = entries.Count(e => e.Outcome == "failed"),
                canceled = entries.Count(e => e.Outcome == "canceled"),
            },
            utilization = router.Targets.ToDictionary(t => t.Name, t => Utilization(utilization, t.Name)),
            decisions = entries.Take(50),
        };
    }

    private static double Percentile(IEnumerable<double> values, double p)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

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
          body { font: 14px system-ui, sans-serif; margin: 20px; color: #1f2937; background: #f9fafb; }
          h1 { font-size: 20px; margin: 0 0 12px; } h2 { font-size: 14px; margin: 0 0 6px; }
          .kpis { display: grid; grid-template-columns: repeat(6, 1fr); gap: 12px; }
          .grid { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; margin-top: 12px; }
          .card { background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 10px; }
          .kpi b { display: block; font-size: 22px; } .kpi span { color: #6b7280; font-size: 12px; }
          canvas { width: 100%; height: 240px; display: block; }
          table { border-collapse: collapse; width: 100%; font-size: 12px; } td, th { border-bottom: 1px solid #e5e7eb; padding: 4px; text-align: left; vertical-align: top; }
          .refused, .failed { color: #b91c1c; } .canceled { color: #6b7280; }
        </style></head>
        <body>
          <h1>Inference.Sdk: cost, traffic, latency and routing</h1>
          <div class="kpis">
            <div class="card kpi"><span>cost this month</span><b id="total">…</b></div>
            <div class="card kpi"><span>requests this month</span><b id="requests">…</b></div>
            <div class="card kpi"><span>served on the first target</span><b id="served">…</b></div>
            <div class="card kpi"><span>served after a failover</span><b id="failedOver">…</b></div>
            <div class="card kpi"><span>refused by the policy</span><b id="refused">…</b></div>
            <div class="card kpi"><span>failed (every target)</span><b id="failed">…</b></div>
          </div>
          <div class="grid">
            <div class="card"><h2>Cost per minute by target (USD)</h2><canvas id="costByTarget"></canvas></div>
            <div class="card"><h2>Cost per minute by tenant (USD)</h2><canvas id="costByTenant"></canvas></div>
            <div class="card"><h2>Time to first token by target (ms, p50 and p95)</h2><canvas id="ttft"></canvas></div>
            <div class="card"><h2>Requests per minute by target</h2><canvas id="requestsByTarget"></canvas></div>
            <div class="card"><h2>Requests per minute by tenant</h2><canvas id="requestsByTenant"></canvas></div>
            <div class="card"><h2>Outcomes (requests)</h2><canvas id="outcomes"></canvas></div>
          </div>
          <div class="card" style="margin-top:12px"><h2>This month by target and endpoint (a pool's replicas under it)</h2>
            <table><thead><tr><th>target</th><th>endpoint</th><th>requests</th><th>prompt tokens</th><th>cost (USD)</th></tr></thead><tbody id="endpoints"></tbody></table></div>
          <div class="card" style="margin-top:12px"><h2>Recent requests, with every attempt</h2>
            <table><thead><tr><th>time</th><th>outcome</th><th>target</th><th>rule</th><th>tenant</th><th>prompt tokens</th><th>cost (USD)</th><th>attempts (target: outcome, TTFT)</th><th>reasons</th></tr></thead><tbody id="decisions"></tbody></table></div>
        <script>
          const colors = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];
          const esc = s => String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;');
          function nice(max) { if (max <= 0) return 1; const p = Math.pow(10, Math.floor(Math.log10(max))); for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p; return 10 * p; }
          function fmt(v, unit) { if (unit === 'USD') return '$' + (v < 0.01 && v > 0 ? v.toExponential(1) : v.toFixed(v < 1 ? 4 : 2)); return (Math.round(v * 10) / 10) + (unit ? ' ' + unit : ''); }
          function frame(c, yMax, yUnit, xTitle) {
            const r = window.devicePixelRatio || 1, w = c.clientWidth, h = c.clientHeight; c.width = w * r; c.height = h * r;
            const g = c.getContext('2d'); g.scale(r, r); g.clearRect(0, 0, w, h); g.font = '11px sans-serif';
            const box = { l: 64, r: w - 10, t: 22, b: h - 34 };
            g.strokeStyle = '#9ca3af'; g.fillStyle = '#374151'; g.lineWidth = 1;
            g.beginPath(); g.moveTo(box.l, box.t); g.lineTo(box.l, box.b); g.lineTo(box.r, box.b); g.stroke();
            for (let i = 0; i <= 4; i++) {
              const v = yMax * i / 4, y = box.b - (box.b - box.t) * i / 4;
              g.strokeStyle = '#e5e7eb'; g.beginPath(); g.moveTo(box.l + 1, y); g.lineTo(box.r, y); g.stroke();
              g.textAlign = 'right'; g.fillText(fmt(v, yUnit === 'USD' ? 'USD' : ''), box.l - 4, y + 4);
            }
            g.save(); g.translate(12, (box.t + box.b) / 2); g.rotate(-Math.PI / 2); g.textAlign = 'center'; g.fillText(yUnit, 0, 0); g.restore();
            g.textAlign = 'center'; g.fillText(xTitle, (box.l + box.r) / 2, h - 4);
            c.dataset.yMax = yMax; c.dataset.yUnit = yUnit;
            return { g, box };
          }
          function legend(g, box, names) { let x = box.l + 4; g.textAlign = 'left'; names.forEach((n, i) => { g.fillStyle = colors[i % colors.length]; g.fillRect(x, 6, 10, 10); g.fillStyle = '#111'; g.fillText(n, x + 14, 15); x += g.measureText(n).width + 30; }); }
          function lines(id, minutes, series, yUnit) {
            const c = document.getElementById(id), names = Object.keys(series), all = names.flatMap(n => series[n]);
            const { g, box } = frame(c, nice(1.15 * Math.max(0, ...all)), yUnit, 'time (UTC, one point per minute)');
            const yMax = Number(c.dataset.yMax), x = i => box.l + (box.r - box.l) * i / (minutes.length - 1), y = v => box.b - (box.b - box.t) * v / yMax;
            g.fillStyle = '#374151'; g.textAlign = 'center';
            for (let i = 0; i < minutes.length; i += 5) { const t = new Date(minutes[i]); g.fillText(t.toISOString().substring(11, 16), x(i), box.b + 14); }
            if (names.length === 0) { g.fillText('no requests in the last ' + minutes.length + ' minutes', (box.l + box.r) / 2, (box.t + box.b) / 2); }
            names.forEach((n, k) => { g.strokeStyle = colors[k % colors.length]; g.lineWidth = 2; g.beginPath(); series[n].forEach((v, i) => i ? g.lineTo(x(i), y(v)) : g.moveTo(x(i), y(v))); g.stroke(); });
            legend(g, box, names); c.dataset.series = names.join(',');
          }
          function bars(id, categories, groups, yUnit, xTitle) {
            const c = document.getElementById(id), names = Object.keys(groups), all = names.flatMap(n => groups[n]);
            const { g, box } = frame(c, nice(1.15 * Math.max(0, ...all)), yUnit, xTitle), yMax = Number(c.dataset.yMax);
            const slot = (box.r - box.l) / Math.max(1, categories.length), bw = Math.min(40, (slot - 12) / Math.max(1, names.length));
            if (categories.length === 0) { g.textAlign = 'center'; g.fillText('no data yet', (box.l + box.r) / 2, (box.t + box.b) / 2); }
            categories.forEach((cat, i) => {
              const x0 = box.l + slot * i + (slot - bw * names.length) / 2;
              names.forEach((n, k) => { const v = groups[n][i], h = (box.b - box.t) * v / yMax; g.fillStyle = colors[k % colors.length]; g.fillRect(x0 + k * bw, box.b - h, bw - 2, h); g.fillStyle = '#111'; g.textAlign = 'center'; g.fillText(fmt(v, ''), x0 + k * bw + bw / 2, box.b - h - 3); });
              g.fillStyle = '#374151'; g.fillText(cat, box.l + slot * i + slot / 2, box.b + 14);
            });
            legend(g, box, names); c.dataset.series = categories.join(',');
          }
          async function refresh() {
            const d = await (await fetch('/dashboard/data')).json();
            document.getElementById('total').textContent = '$' + d.monthUsd.toFixed(6);
            document.getElementById('requests').textContent = d.requests;
            for (const k of ['served', 'failedOver', 'refused', 'failed']) document.getElementById(k).textContent = d.outcomes[k];
            lines('costByTarget', d.minutes, d.costByTarget, 'USD');
            lines('costByTenant', d.minutes, d.costByTenant, 'USD');
            lines('requestsByTarget', d.minutes, d.requestsByTarget, 'requests');
            lines('requestsByTenant', d.minutes, d.requestsByTenant, 'requests');
            const targets = Object.keys(d.ttftMs);
            bars('ttft', targets, { p50: targets.map(t => d.ttftMs[t].p50), p95: targets.map(t => d.ttftMs[t].p95) }, 'ms', 'target');
            const o = d.outcomes, names = ['served', 'failed over', 'refused', 'failed', 'canceled'];
            bars('outcomes', names, { requests: [o.served, o.failedOver, o.refused, o.failed, o.canceled] }, 'requests', 'outcome');
            document.getElementById('endpoints').innerHTML = Object.entries(d.costByEndpoint).sort(([a], [b]) => a.localeCompare(b)).map(([k, t]) => {
              const at = k.indexOf('@'), target = at < 0 ? k : k.substring(0, at), endpoint = at < 0 ? '' : k.substring(at + 1);
              return '<tr><td>' + esc(target) + '</td><td>' + esc(endpoint) + '</td><td>' + t.requests + '</td><td>' + t.inputTokens + '</td><td>' + t.usd.toFixed(6) + '</td></tr>';
            }).join('');
            document.getElementById('decisions').innerHTML = d.decisions.map(e =>
              '<tr class="' + esc(e.outcome) + '"><td>' + new Date(e.at).toISOString().substring(11, 19) + '</td><td>' + esc(e.outcome) + '</td><td>' + esc(e.target) + (e.endpointDetail ? '<br><small>' + esc(e.endpointDetail) + '</small>' : '') + '</td><td>' + esc(e.rule) + '</td><td>' +
              esc(e.tenant) + '</td><td>' + e.promptTokens + '</td><td>' + (e.costUsd == null ? '' : e.costUsd.toFixed(6)) + '</td><td>' +
              e.attempts.map(a => esc(a.target) + ': ' + esc(a.outcome) + (a.timeToFirstTokenMs == null ? '' : ', ' + a.timeToFirstTokenMs.toFixed(0) + ' ms') + (a.error ? ' (' + esc(a.error) + ')' : '')).join('<br>') +
              '</td><td>' + esc(e.reasons) + '</td></tr>').join('');
            document.body.dataset.loaded = 'true';
          }
          refresh(); setInterval(refresh, 5000);
        </script></body></html>
        """;
}
