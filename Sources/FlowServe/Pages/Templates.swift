/// The pages' swift-mustache templates, embedded in the binary. `{{value}}` is HTML-escaped by Mustache;
/// `{{{value}}}` is used only for SVG and HTML that the server rendered itself with every value escaped
/// (`TimelineSVG`, `Sparkline`, `DurationChart`).
enum Templates {
    static let all: [String: String] = [
        "head": head, "foot": foot, "runs": runs, "run": run, "workflow": workflow, "schedules": schedules,
        "error": error,
    ]

    static let head = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · HavenFlow</title>
        <link rel="stylesheet" href="/assets/serve.css"><script src="/assets/serve.js" defer></script></head>
        <body data-page="{{pageKind}}"{{#run}} data-run-id="{{id}}" data-run-status="{{status}}"{{/run}}>
        <header class="top"><a class="brand" href="/">HavenFlow</a> <a href="/">Runs</a> <a href="/schedules">Schedules</a></header>
        <main>

        """

    static let foot = """
        </main>
        </body></html>

        """

    static let runs = """
        {{> head}}<h1>Runs</h1>
        <form class="filter" method="get" action="/">
        <label>Workflow <input name="workflow" value="{{workflow}}"></label>
        <label>Status <select name="status"><option value="">any</option>{{#statuses}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/statuses}}</select></label>
        <button type="submit">Filter</button></form>
        {{^rows}}<p class="note">No runs recorded{{#filtered}} that match the filter{{/filtered}}.</p>{{/rows}}
        {{#hasRows}}<table class="runs"><thead><tr><th>Status</th><th>Run</th><th>Workflow</th><th>Started</th><th>Duration</th><th>Host</th><th>Outcomes</th></tr></thead><tbody>
        {{#rows}}<tr data-run-id="{{id}}" data-status="{{status}}"><td><span class="status {{status}}">{{status}}</span></td><td><a href="/runs/{{idPath}}">{{id}}</a></td><td><a href="/workflows/{{workflowPath}}">{{workflow}}</a></td><td>{{started}}</td><td>{{duration}}</td><td>{{host}}</td><td>{{{sparkline}}}</td></tr>
        {{/rows}}</tbody></table>{{/hasRows}}
        <nav class="pager">{{#previous}}<a rel="prev" href="{{previous}}">← newer</a>{{/previous}} <span>page {{page}}</span> {{#next}}<a rel="next" href="{{next}}">older →</a>{{/next}}</nav>
        {{> foot}}
        """

    static let run = """
        {{> head}}{{#run}}<h1>Run {{id}} <span class="status {{status}}" id="run-status">{{status}}</span></h1>
        <dl class="header" id="run-header">
        <dt>Status</dt><dd><span class="status {{status}}">{{status}}</span></dd>
        <dt>Workflow</dt><dd><a href="/workflows/{{workflowPath}}">{{workflow}}</a></dd>
        <dt>Started</dt><dd>{{started}}</dd>
        <dt>Finished</dt><dd>{{finished}}</dd>
        <dt>Duration</dt><dd>{{duration}}</dd>
        <dt>Host and pid</dt><dd>{{host}}, pid {{pid}}</dd>
        <dt>File</dt><dd><code>{{file}}</code></dd>
        <dt>SHA-256</dt><dd><code>{{fileHash}}</code></dd>
        <dt>Resumes</dt><dd>{{resumes}}</dd>
        <dt>Inputs</dt><dd><pre>{{inputs}}</pre></dd>
        {{#error}}<dt>Error</dt><dd class="error">{{error}}</dd>{{/error}}
        </dl>
        <p class="links"><a href="/api/runs/{{idPath}}/events">Raw run log (JSON Lines)</a> · <a href="/api/runs/{{idPath}}">JSON</a>{{#live}} · <span class="live" id="live">live</span>{{/live}}</p>
        {{/run}}
        <h2>Timeline</h2>
        <output id="bar-detail" class="detail">Hover or click a bar for its status, duration and error.</output>
        <div id="timeline">{{{timeline}}}</div>
        <h2>Steps</h2>
        <table class="steps" id="steps-table"><thead><tr><th>Step</th><th>Action</th><th>Status</th><th>Attempts</th><th>Duration</th><th>Elements</th><th>Outputs and printed lines</th></tr></thead><tbody>
        {{#steps}}<tr data-step="{{key}}"><td>{{key}}</td><td>{{action}}</td><td><span class="status {{status}}">{{status}}</span></td><td>{{attempts}}</td><td>{{duration}}</td><td>{{elements}}</td><td>{{#outputs}}<details><summary>outputs</summary><pre>{{outputs}}</pre></details>{{/outputs}}{{#elementOutputs}}<a href="{{elementOutputs}}">element records (JSON)</a>{{/elementOutputs}}{{#messages}}<details class="messages"><summary>printed: {{messageCount}}</summary><pre>{{messages}}</pre></details>{{/messages}}</td></tr>
        {{#error}}<tr class="error-row"><td colspan="7" class="error">{{error}}</td></tr>{{/error}}
        {{/steps}}</tbody></table>
        {{#hasFailures}}<h2>Failed elements</h2><ul class="failures">{{#failures}}<li><code>{{label}}</code>: {{message}}</li>
        {{/failures}}</ul>{{/hasFailures}}
        {{> foot}}
        """

    static let workflow = """
        {{> head}}<h1>Workflow {{name}}</h1>
        <p>{{count}} recorded run{{^one}}s{{/one}} shown · success rate {{successRate}} of the finished ones</p>
        <h2>Duration of the latest runs</h2>
        {{{chart}}}
        <table class="runs"><thead><tr><th>Status</th><th>Run</th><th>Started</th><th>Duration</th><th>Host</th></tr></thead><tbody>
        {{#rows}}<tr data-run-id="{{id}}" data-status="{{status}}"><td><span class="status {{status}}">{{status}}</span></td><td><a href="/runs/{{idPath}}">{{id}}</a></td><td>{{started}}</td><td>{{duration}}</td><td>{{host}}</td></tr>
        {{/rows}}</tbody></table>
        {{> foot}}
        """

    static let schedules = """
        {{> head}}<h1>Schedules</h1>
        {{#problem}}<p class="error">{{problem}}</p>{{/problem}}
        {{^triggers}}{{^problem}}<p class="note">No workflow file has an on.schedule trigger.</p>{{/problem}}{{/triggers}}
        {{#hasTriggers}}<table class="schedules"><thead><tr><th>Workflow</th><th>Trigger</th><th>Cron</th><th>Time zone</th><th>Last fire</th><th>Recent skips and misses</th><th>Next fires</th></tr></thead><tbody>
        {{#triggers}}<tr data-workflow="{{workflow}}"><td><a href="/workflows/{{workflowPath}}">{{workflow}}</a><br><code>{{file}}</code></td><td>{{index}}</td><td><code>{{cron}}</code></td><td>{{zone}}</td><td>{{#last}}<span class="status {{outcome}}">{{outcome}}</span> {{scheduled}}{{#runID}} <a href="/runs/{{runPath}}">{{runID}}</a>{{/runID}}{{#reason}}<br>{{reason}}{{/reason}}{{/last}}{{^last}}never{{/last}}</td><td>{{#hasProblems}}<ul class="fires">{{/hasProblems}}{{#problems}}<li data-outcome="{{outcome}}"><span class="status {{outcome}}">{{outcome}}</span> {{scheduled}}<br>{{reason}}</li>{{/problems}}{{#hasProblems}}</ul>{{/hasProblems}}{{^hasProblems}}none{{/hasProblems}}</td><td>{{#next}}{{.}}<br>{{/next}}</td></tr>
        {{/triggers}}</tbody></table>{{/hasTriggers}}
        {{> foot}}
        """

    static let error = """
        {{> head}}<h1>{{code}}</h1>
        <p class="error">{{sentence}}</p>
        <p><a href="/">All runs</a></p>
        {{> foot}}
        """
}
