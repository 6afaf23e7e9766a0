// The pages' Mustache templates and style sheet, as constants so that the server needs no resource folder.
// GOV.UK Design System patterns: a skip link first, one <main>, every field with its <label>, an error summary
// at the top of a form that failed (focused, linking to the fields), and tab order that follows the page.

enum Templates {
    static let all: [String: String] = [
        "layout": layout, "estate": estate, "builder": builder, "run": run, "history": history, "error": error,
        "compare": compare,
    ]

    static let layout = """
    <!DOCTYPE html>
    <html lang="en-GB">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} – Homeward</title>
    <link rel="stylesheet" href="/static/site.css">
    </head>
    <body>
    <a href="#main-content" class="skip-link">Skip to main content</a>
    <header class="header"><div class="width">
    <a href="/" class="brand">Homeward</a>
    <nav aria-label="Main"><ul class="nav">
    <li><a href="/estate"{{#nav.estate}} aria-current="page"{{/nav.estate}}>Estate</a></li>
    <li><a href="/builder"{{#nav.builder}} aria-current="page"{{/nav.builder}}>Scenario builder</a></li>
    <li><a href="/compare"{{#nav.compare}} aria-current="page"{{/nav.compare}}>Compare</a></li>
    <li><a href="/history"{{#nav.history}} aria-current="page"{{/nav.history}}>Run history</a></li>
    </ul></nav>
    </div></header>
    <div class="width">
    <p class="banner"><strong>Synthetic population.</strong> Figures about people are illustrative: the people are drawn from published aggregates, not records.</p>
    <main id="main-content" tabindex="-1">
    {{#has_errors}}
    <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" data-module="error-summary">
    <h2 id="error-summary-title">There is a problem</h2>
    <ul>{{#errors}}<li><a href="#{{field}}">{{message}}</a></li>{{/errors}}</ul>
    </div>
    {{/has_errors}}
    {{{body}}}
    </main>
    </div>
    <footer class="footer"><div class="width"><p>Homeward: prisoner allocation and estate placement for England and Wales. Open source; no data about real people.</p></div></footer>
    {{#script}}<script src="/static/progress.js"></script>{{/script}}
    </body>
    </html>
    """

    static let estate = """
    <h1>The estate</h1>
    <p class="lead">{{count}} adult establishments shown, {{places}} operational places. Filter them by region, function or sex.</p>
    <form method="get" action="/estate" class="filters">
    <div class="field"><label for="region">Region</label>
    <select id="region" name="region"><option value="">All regions</option>{{#regions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/regions}}</select></div>
    <div class="field"><label for="function">Function</label>
    <select id="function" name="function"><option value="">All functions</option>{{#functions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/functions}}</select></div>
    <div class="field"><label for="sex">Sex</label>
    <select id="sex" name="sex"><option value="">Men and women</option>{{#sexes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/sexes}}</select></div>
    <button type="submit" class="button">Apply filters</button>
    </form>
    <figure class="map">{{{map}}}</figure>
    <table class="table">
    <caption>Establishments</caption>
    <thead><tr><th scope="col">Code</th><th scope="col">Name</th><th scope="col">Region</th><th scope="col">Sex</th><th scope="col">Function</th><th scope="col">Categories</th><th scope="col" class="num">Operational capacity</th><th scope="col" class="num">CNA</th></tr></thead>
    <tbody>{{#rows}}<tr><td>{{code}}</td><td>{{name}}</td><td>{{region}}</td><td>{{sex}}</td><td>{{function}}</td><td>{{categories}}</td><td class="num">{{capacity}}</td><td class="num">{{cna}}</td></tr>{{/rows}}</tbody>
    </table>
    """

    static let builder = """
    <h1>Scenario builder</h1>
    <p class="lead">Start from a shipped or saved scenario, add changes to the estate, then run it. The scenario is plain YAML: what you see below is exactly what will run.</p>
    <form method="get" action="/builder" class="inline-form">
    <div class="field"><label for="from">Start from</label>
    <select id="from" name="from">{{#starts}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/starts}}</select></div>
    <button type="submit" class="button secondary">Start again from this</button>
    </form>

    <form method="post" action="/builder" id="draft-form">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <h2>The scenario</h2>
    <div class="field"><label for="yaml">Scenario (YAML)</label>
    <textarea id="yaml" name="yaml" rows="14" spellcheck="false">{{yaml}}</textarea></div>

    <h2>Add a change</h2>
    <fieldset><legend>Change</legend>
    <div class="field"><label for="change">Kind of change</label>
    <select id="change" name="change"><option value="close">Close an establishment</option><option value="rerole">Re-role an establishment</option><option value="capacity">Change capacity</option><option value="open">Open a new establishment at a postcode district</option></select></div>
    <div class="field"><label for="establishment">Establishment (close, re-role, capacity)</label>
    <select id="establishment" name="establishment">{{#establishments}}<option value="{{code}}">{{name}} [{{code}}]</option>{{/establishments}}</select></div>
    <div class="field"><label for="date">Date (YYYY-MM-DD)</label><input id="date" name="date" value="{{date}}" inputmode="numeric"></div>
    <div class="field"><label for="function">New function (re-role, open)</label>
    <select id="function" name="function"><option value="reception">reception</option><option value="training">training</option><option value="resettlement">resettlement</option><option value="reception;resettlement">reception and resettlement</option></select></div>
    <div class="field"><label for="capacity">Operational capacity (capacity, open)</label><input id="capacity" name="capacity" inputmode="numeric"></div>
    <div class="field"><label for="cna">Certified normal accommodation (capacity, open)</label><input id="cna" name="cna" inputmode="numeric"></div>
    <div class="field"><label for="code">New establishment's code, three capital letters (open)</label><input id="code" name="code"></div>
    <div class="field"><label for="newname">New establishment's name (open)</label><input id="newname" name="newname"></div>
    <div class="field"><label for="district">Postcode district, such as CF31 (open)</label><input id="district" name="district"></div>
    <div class="field"><label for="sex">Sex (open)</label><select id="sex" name="sex"><option value="male">male</option><option value="female">female</option></select></div>
    <div class="field"><label for="categories">Categories, separated by ; (open)</label><input id="categories" name="categories" value="C"></div>
    <button type="submit" name="action" value="add" class="button secondary">Add this change</button>
    </fieldset>

    <h2>Policy weights</h2>
    <p>Leave a weight empty to keep its documented default (Scenarios/policy.yaml). Points are kilometres of family travel at stage weight 1.</p>
    <table class="table"><caption>Weights and their defaults</caption>
    <thead><tr><th scope="col">Weight</th><th scope="col">Default</th><th scope="col">This scenario</th></tr></thead>
    <tbody>{{#weights}}<tr><th scope="row"><label for="w-{{key}}">{{label}}</label></th><td>{{default}}</td><td><input id="w-{{key}}" name="w-{{key}}" inputmode="decimal" class="short"></td></tr>{{/weights}}</tbody>
    </table>
    <button type="submit" name="action" value="weights" class="button secondary">Apply weights</button>

    <h2>Save or run</h2>
    <div class="field"><label for="savedby">Saved by (free text, optional)</label><input id="savedby" name="savedby"></div>
    <button type="submit" name="action" value="save" class="button secondary">Save scenario</button>
    <div class="field"><label for="kind">Run</label>
    <select id="kind" name="kind">{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select></div>
    <div class="field"><label for="sweepchange">Sweep: change at every establishment (close, close-pairs for every pair of closures, rerole or capacity+N)</label><input id="sweepchange" name="sweepchange" value="close"></div>
    <div class="field"><label for="limit">Sweep: first N scenarios only (optional)</label><input id="limit" name="limit" inputmode="numeric"></div>
    <div class="field"><label for="weeks">Simulation: weeks</label><input id="weeks" name="weeks" value="4" inputmode="numeric"></div>
    <button type="submit" name="action" value="run" class="button" id="run-button">Run</button>
    </form>
    {{#has_saved}}<h2>Saved scenarios</h2><ul>{{#saved}}<li><a href="/builder?saved={{id}}">{{name}}</a> – saved {{created}}{{#savedBy}} by {{savedBy}}{{/savedBy}}</li>{{/saved}}</ul>{{/has_saved}}
    """

    static let run = """
    <h1>Run {{id}}: {{kind}} – {{name}}</h1>
    <dl class="summary">
    <dt>Status</dt><dd id="status">{{status}}</dd>
    <dt>Started</dt><dd>{{started}}</dd>
    {{#seconds}}<dt>Time</dt><dd>{{seconds}} s{{#warm}} (the people and the estate as it is were kept from an earlier run){{/warm}}</dd>{{/seconds}}
    {{#objective}}<dt>Objective</dt><dd>{{objective}} points</dd>{{/objective}}
    </dl>
    {{#active}}
    <div class="progress-block">
    <label for="progress">Progress</label>
    <progress id="progress" max="{{total}}" value="{{done}}" data-events="/runs/{{id}}/events">{{done}} of {{total}}</progress>
    <p id="progress-text" aria-live="polite">{{done}} of {{total}} steps done. <a href="/runs/{{id}}">Refresh this page</a> to see the result.</p>
    <form method="post" action="/runs/{{id}}/cancel"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="button warning" id="cancel-button">Cancel this run</button></form>
    </div>
    {{/active}}
    {{#error}}<div class="error-summary" role="alert"><h2>The run failed</h2><p id="run-error">{{error}}</p><p>The server is still running; correct the scenario and run it again.</p></div>{{/error}}
    {{#has_figures}}<h2>Headline figures</h2>
    <table class="table" id="figures"><caption>Headline figures</caption><tbody>{{#figures}}<tr><th scope="row">{{key}}</th><td data-key="{{key}}">{{value}}</td></tr>{{/figures}}</tbody></table>{{/has_figures}}
    {{#stale}}<p class="warning-text"><strong>Inputs changed:</strong> {{stale}}</p>{{/stale}}
    {{#has_files}}<h2>Downloads</h2>
    <ul class="downloads">{{#files}}<li><a href="/runs/{{id}}/files/{{name}}" download>{{name}}</a> ({{bytes}} bytes, SHA-256 <code>{{short}}</code>)</li>{{/files}}</ul>{{/has_files}}
    {{#report}}<h2>Report</h2><iframe class="report" src="/runs/{{id}}/files/{{report}}" title="The run's report: {{report}}"></iframe>{{/report}}
    {{#has_inputs}}<h2>Inputs</h2><table class="table"><caption>Inputs read, with their SHA-256</caption><thead><tr><th scope="col">Role</th><th scope="col">Path</th><th scope="col">SHA-256</th></tr></thead><tbody>{{#inputs}}<tr><td>{{role}}</td><td>{{path}}</td><td><code>{{sha256}}</code></td></tr>{{/inputs}}</tbody></table>{{/has_inputs}}
    <form method="post" action="/runs/{{id}}/rerun"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="button secondary">Run this scenario again</button></form>
    """

    static let history = """
    <h1>Run history</h1>
    {{^has_runs}}<p>No runs yet. <a href="/builder">Build a scenario</a> to start one.</p>{{/has_runs}}
    {{#has_runs}}<table class="table"><caption>Every run, newest first</caption>
    <thead><tr><th scope="col">Run</th><th scope="col">Kind</th><th scope="col">Scenario</th><th scope="col">Status</th><th scope="col">Created</th><th scope="col" class="num">Seconds</th><th scope="col">Inputs</th></tr></thead>
    <tbody>{{#runs}}<tr><td><a href="/runs/{{id}}">Run {{id}}</a></td><td>{{kind}}</td><td>{{name}}</td><td>{{status}}</td><td>{{created}}</td><td class="num">{{seconds}}</td><td>{{#stale}}<strong class="tag">changed since</strong>{{/stale}}{{^stale}}unchanged{{/stale}}</td></tr>{{/runs}}</tbody>
    </table>{{/has_runs}}
    """

    static let error = """
    <h1>{{heading}}</h1>
    <p id="message">{{message}}</p>
    <p><a href="/">Go to the estate</a></p>
    """

    static let compare = """
    <h1>Compare scenarios</h1>
    <p class="lead">Allocate two or more estate configurations with the first one's people and policy, side by side.</p>
    <form method="post" action="/compare">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <fieldset><legend>Scenarios to compare</legend>
    {{#options}}<div class="checkbox"><input type="checkbox" id="s-{{index}}" name="s-{{index}}" value="{{value}}"><label for="s-{{index}}">{{label}}</label></div>{{/options}}
    </fieldset>
    <button type="submit" class="button" id="compare-button">Compare</button>
    </form>
    """

    static let css = """
    *{box-sizing:border-box}
    body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:19px;line-height:1.4;color:#0b0c0c;background:#fff}
    .width{max-width:1100px;margin:0 auto;padding:0 16px}
    .skip-link{position:absolute;left:-9999px;top:0;background:#fd0;color:#0b0c0c;padding:8px;z-index:10}
    .skip-link:focus{left:8px}
    a{color:#1d70b8}a:visited{color:#4c2c92}
    a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #fd0;box-shadow:0 0 0 6px #0b0c0c;outline-offset:0}
    .header{background:#0b0c0c;color:#fff;padding:10px 0;border-bottom:10px solid #1d70b8}
    .header .width{display:flex;flex-wrap:wrap;align-items:center;gap:24px}
    .brand{color:#fff;font-weight:bold;font-size:26px;text-decoration:none}
    .brand:visited{color:#fff}
    .nav{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:18px}
    .nav a,.nav a:visited{color:#fff}
    .nav a[aria-current=page]{font-weight:bold}
    .banner{border-left:5px solid #1d70b8;padding:8px 12px;background:#f3f2f1;margin:16px 0}
    main{padding:8px 0 40px}
    h1{font-size:36px;margin:16px 0}
    h2{font-size:26px;margin:28px 0 12px}
    .lead{font-size:22px}
    .field{margin:0 0 16px}
    label,legend{display:block;font-weight:bold;margin-bottom:4px}
    input,select,textarea{font:inherit;border:2px solid #0b0c0c;padding:5px;max-width:100%}
    input.short{width:8em}
    textarea{width:100%;font-family:monospace;font-size:16px}
    fieldset{border:0;padding:0;margin:0 0 16px}
    .checkbox{display:flex;gap:8px;align-items:center;margin-bottom:8px}
    .checkbox label{font-weight:normal;margin:0}
    .button{font:inherit;font-weight:bold;background:#00703c;color:#fff;border:0;box-shadow:0 2px 0 #002d18;padding:8px 14px;cursor:pointer;margin:0 8px 16px 0}
    .button.secondary{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191}
    .button.warning{background:#d4351c;box-shadow:0 2px 0 #55150b}
    .filters,.inline-form{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-end;margin-bottom:16px}
    .table{border-collapse:collapse;width:100%;margin-bottom:24px;font-size:16px}
    .table caption{text-align:left;font-weight:bold;font-size:19px;margin-bottom:8px}
    .table th,.table td{border-bottom:1px solid #b1b4b6;padding:6px 8px 6px 0;text-align:left;vertical-align:top}
    .num{text-align:right!important}
    .map svg{max-width:560px;height:auto}
    .error-summary{border:5px solid #d4351c;padding:16px;margin-bottom:24px}
    .error-summary h2{margin-top:0}
    .error-summary a{color:#d4351c;font-weight:bold}
    .summary{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}.summary dt{font-weight:bold}.summary dd{margin:0}
    progress{width:100%;height:24px}
    .report{width:100%;height:900px;border:1px solid #b1b4b6}
    .tag{background:#fcd6c3;color:#6e3619;padding:2px 6px}
    .warning-text{border-left:5px solid #d4351c;padding-left:12px}
    .footer{border-top:1px solid #b1b4b6;background:#f3f2f1;padding:16px 0;font-size:16px}
    code{font-size:15px}
    """

    /// The one script: follows a running run's progress over server-sent events. The page works without it.
    static let progressScript = """
    (function () {
      var bar = document.getElementById('progress');
      if (!bar || !window.EventSource) return;
      var text = document.getElementById('progress-text');
      var status = document.getElementById('status');
      var source = new EventSource(bar.getAttribute('data-events'));
      source.addEventListener('progress', function (event) {
        var p = JSON.parse(event.data);
        bar.max = p.total; bar.value = p.done;
        text.textContent = p.done + ' of ' + p.total + ' steps done.';
        status.textContent = p.status;
        if (p.status !== 'queued' && p.status !== 'running') { source.close(); window.location.reload(); }
      });
    })();
    """
}
