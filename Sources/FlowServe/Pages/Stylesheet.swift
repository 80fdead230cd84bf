/// `/assets/serve.css`: the pages' one stylesheet.
enum Stylesheet {
    static let text = """
        :root { --ok: #2e7d32; --bad: #c62828; --run: #1565c0; --skip: #9e9e9e; --retry: #ef8f00; --int: #6a1b9a; }
        body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; background: #fafafa; }
        header.top { background: #263238; padding: 8px 16px; }
        header.top a { color: #eceff1; margin-right: 16px; text-decoration: none; }
        header.top a.brand { font-weight: bold; }
        main { padding: 8px 16px 32px; max-width: 1200px; }
        table { border-collapse: collapse; margin: 8px 0; }
        th, td { text-align: left; padding: 3px 10px 3px 0; border-bottom: 1px solid #e0e0e0; vertical-align: top; }
        code, pre { font: 12px ui-monospace, monospace; }
        pre { white-space: pre-wrap; max-width: 900px; margin: 0; }
        .status { padding: 1px 6px; border-radius: 3px; color: #fff; background: var(--skip); font-size: 12px; }
        .status.succeeded, .status.fired { background: var(--ok); }
        .status.failed { background: var(--bad); }
        .status.running { background: var(--run); }
        .status.interrupted, .status.missed { background: var(--int); }
        ul.fires { margin: 0; padding-left: 1em; }
        .error { color: var(--bad); white-space: pre-wrap; }
        .note { color: #666; }
        dl.header { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; }
        dl.header dt { font-weight: bold; }
        dl.header dd { margin: 0; }
        form.filter label { margin-right: 12px; }
        nav.pager { margin: 8px 0; }
        nav.pager a { margin: 0 8px; }
        .live { color: var(--run); font-weight: bold; }
        output.detail { display: block; min-height: 2.8em; white-space: pre-wrap; background: #fff; border: 1px solid #e0e0e0; padding: 4px 8px; margin: 4px 0; }
        svg.gantt { display: block; background: #fff; border: 1px solid #e0e0e0; margin: 4px 0; max-width: 100%; height: auto; }
        svg.gantt text { font: 11px ui-monospace, monospace; fill: #333; }
        .bar { cursor: pointer; }
        .bar rect { fill: var(--run); height: 10px; }
        svg.gantt .bar text { transform: translateX(4px); }
        svg.gantt .axis text { fill: #777; }
        .bar[data-status=succeeded] rect { fill: var(--ok); }
        .bar[data-status=failed] rect { fill: var(--bad); }
        .bar[data-status=skipped] rect { fill: var(--skip); }
        .bar[data-status=interrupted] rect { fill: var(--int); }
        .bar rect.retry { fill: var(--retry); }
        .bar:hover rect, .bar.selected rect { stroke: #000; stroke-width: 1; }
        section.elements h3 { font-size: 14px; margin: 12px 0 4px; }
        details.group summary { cursor: pointer; font: 12px ui-monospace, monospace; }
        svg.spark rect.succeeded, svg.chart rect.succeeded { fill: var(--ok); }
        svg.spark rect.failed, svg.chart rect.failed { fill: var(--bad); }
        svg.spark rect.skipped { fill: var(--skip); }
        svg.spark rect.running, svg.chart rect.running { fill: var(--run); }
        svg.chart rect.interrupted { fill: var(--int); }
        svg.chart { background: #fff; border: 1px solid #e0e0e0; }
        """
}
