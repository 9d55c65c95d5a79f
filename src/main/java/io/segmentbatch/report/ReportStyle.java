package io.segmentbatch.report;

/** The report page's inline style sheet and its one optional script (sorting the segments table). */
final class ReportStyle {
    static final String CSS = """
            *{box-sizing:border-box}
            body{margin:0;background:#f8fafc;color:#0f172a;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,\
            "DejaVu Sans",sans-serif}
            main{max-width:1100px;margin:0 auto;padding:24px 20px 40px}
            header nav{font-size:13px;margin-bottom:4px}
            header h1{margin:0;font-size:24px;overflow-wrap:anywhere}
            .run{margin:4px 0 16px;color:#475569;overflow-wrap:anywhere}
            .status{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;\
            background:#e2e8f0;color:#334155;margin-left:6px}
            .status.COMPLETED{background:#dcfce7;color:#166534}.status.FAILED{background:#fee2e2;color:#991b1b}
            .status.STOPPED,.status.HELD{background:#fef9c3;color:#854d0e}
            h2{font-size:17px;margin:28px 0 6px}
            section{margin-top:8px}
            .summary{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px}
            .card{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:10px 14px;color:#475569;min-width:0}
            .card .value{font-size:22px;font-weight:600;color:#0f172a;overflow-wrap:anywhere}
            .facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:4px 16px;margin:16px 0 0;\
            background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:12px 14px}
            .facts dt{color:#475569}.facts dd{margin:0;white-space:pre-line;overflow-wrap:anywhere}
            .facts dd.error{color:#991b1b;font-weight:600}
            .hint{color:#64748b;margin:2px 0 8px}
            .scroll{overflow-x:auto;background:#fff;border:1px solid #e2e8f0;border-radius:8px}
            table{border-collapse:collapse;width:100%;table-layout:fixed}
            th,td{padding:6px 10px;border-bottom:1px solid #f1f5f9;text-align:left;vertical-align:middle;\
            overflow-wrap:anywhere}
            th{background:#f1f5f9;font-weight:600;color:#334155;position:relative}
            .sortable th{cursor:pointer;user-select:none}
            .sortable th[aria-sort=ascending]::after{content:" ▲";font-size:10px}
            .sortable th[aria-sort=descending]::after{content:" ▼";font-size:10px}
            .num{text-align:right;font-variant-numeric:tabular-nums}td.num{white-space:nowrap}
            .segments{min-width:760px}.history{min-width:720px}.rejects{min-width:820px}
            .segments th:nth-child(1){width:38%}.segments th:nth-child(2){width:14%}
            .name .id{color:#94a3b8;font-size:11px;font-family:ui-monospace,"DejaVu Sans Mono",monospace}
            .type{border-left:4px solid;padding-left:6px;white-space:nowrap;display:inline-block}
            .chart{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:8px}
            svg.bars{display:block;width:100%;height:auto}
            svg .label{font-size:12px;fill:#334155}svg .value{font-size:11px;fill:#475569}
            .legend{margin:0 0 6px;color:#475569}.legend span{margin-right:14px;white-space:nowrap}
            .legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}
            .history th:nth-child(1){width:30%}.history th:nth-child(4){width:20%}
            svg.spark{display:block;width:100%;max-width:240px;height:36px}
            .up{color:#16a34a}.down{color:#dc2626}
            .rejects th:nth-child(1){width:24%}.rejects th:nth-child(2){width:8%}.rejects th:nth-child(3){width:30%}
            .rejects td.file{font-size:12px}
            code{font:12px ui-monospace,"DejaVu Sans Mono",monospace;white-space:pre-wrap;overflow-wrap:anywhere}
            footer{margin-top:32px;color:#94a3b8;font-size:12px}
            """;

    static final String SORT_SCRIPT = """
            document.querySelectorAll('table.sortable').forEach(function (table) {
              table.querySelectorAll('th').forEach(function (th, column) {
                th.addEventListener('click', function () {
                  var ascending = th.getAttribute('aria-sort') !== 'ascending';
                  table.querySelectorAll('th').forEach(function (other) { other.removeAttribute('aria-sort'); });
                  th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
                  var numeric = th.hasAttribute('data-num');
                  var body = table.tBodies[0];
                  Array.from(body.rows).sort(function (a, b) {
                    var x = a.cells[column], y = b.cells[column];
                    var order = numeric ? Number(x.dataset.sort) - Number(y.dataset.sort)
                        : x.textContent.localeCompare(y.textContent);
                    return ascending ? order : -order;
                  }).forEach(function (row) { body.appendChild(row); });
                });
              });
            });
            """;

    private ReportStyle() {}
}
