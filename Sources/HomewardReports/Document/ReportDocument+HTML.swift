/// Escapes text for HTML and XML.
public func escapeHTML(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for ch in text {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(ch)
        }
    }
    return out
}

extension ReportDocument {
    /// The report as one self-contained HTML page: inline CSS and SVG, no
    /// scripts, no fonts or images from the network, laid out for A4 printing.
    /// The markup is well-formed XML (every element closed), so it can be checked by a parser.
    public func html() -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en-GB" xmlns="http://www.w3.org/1999/xhtml">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>\(escapeHTML(title))</title>
            <style>
            \(ReportDocument.css)
            </style>
            </head>
            <body>
            <main>
            <header>
            <h1>\(escapeHTML(title))</h1>
            <p class="subtitle">\(escapeHTML(subtitle))</p>

            """
        if let banner { out += "<p class=\"banner\">\(escapeHTML(banner))</p>\n" }
        out += "</header>\n"
        var sectionOpen = false
        for block in blocks {
            switch block {
            case let .heading(level, text):
                if level <= 2 {
                    if sectionOpen { out += "</section>\n" }
                    out += "<section>\n"
                    sectionOpen = true
                }
                let h = max(2, min(level, 4))
                out += "<h\(h)>\(escapeHTML(text))</h\(h)>\n"
            case let .paragraph(text):
                out += "<p>\(escapeHTML(text))</p>\n"
            case let .bullets(items):
                out += "<ul>\n" + items.map { "<li>\(escapeHTML($0))</li>\n" }.joined() + "</ul>\n"
            case let .table(table):
                out += ReportDocument.html(table)
            case let .figure(svg, caption):
                out += "<figure>\n\(svg)\n<figcaption>\(escapeHTML(caption))</figcaption>\n</figure>\n"
            case let .keyFigures(figures):
                out += "<div class=\"key-figures\">\n"
                for figure in figures {
                    out += "<div class=\"key-figure\"><span class=\"value\">\(escapeHTML(figure.value))</span><span class=\"label\">\(escapeHTML(figure.label))</span></div>\n"
                }
                out += "</div>\n"
            case let .note(text):
                out += "<p class=\"note\">\(escapeHTML(text))</p>\n"
            case let .rating(question, rating, evidence, limits):
                let kind = rating.replacingOccurrences(of: " ", with: "-")
                out += "<div class=\"rating \(kind)\">\n<p class=\"question\">\(escapeHTML(question))</p>\n"
                out += "<p class=\"verdict\">Rating: <strong>\(escapeHTML(rating))</strong></p>\n"
                out += "<p>\(escapeHTML(evidence))</p>\n<p class=\"limits\">\(escapeHTML(limits))</p>\n</div>\n"
            case let .preformatted(text):
                out += "<pre>\(escapeHTML(text))</pre>\n"
            }
        }
        if sectionOpen { out += "</section>\n" }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    /// A table in a scroll container (a wide table scrolls inside the page instead of running off it) that
    /// stacks each row into label–value lines on a narrow screen (every cell carries its column's header).
    static func html(_ table: Table) -> String {
        let wide = table.header.count > 4 || table.rows.contains { $0.contains { $0.count > 60 } }
        var out = "<div class=\"table-wrap\" role=\"region\" aria-label=\"\(escapeHTML(table.caption))\" tabindex=\"0\">\n"
        out += "<table\(wide ? " class=\"wide\"" : "")>\n<caption>\(escapeHTML(table.caption))</caption>\n<thead><tr>"
        for (k, head) in table.header.enumerated() {
            out += "<th scope=\"col\"\(table.numeric[k] ? " class=\"num\"" : "")>\(escapeHTML(head))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr>"
            for (k, value) in row.enumerated() {
                let label = k < table.header.count && !table.header[k].isEmpty ? " data-label=\"\(escapeHTML(table.header[k]))\"" : ""
                if k == 0 {
                    out += "<th scope=\"row\"\(label)>\(escapeHTML(value))</th>"
                } else {
                    out += "<td\(k < table.numeric.count && table.numeric[k] ? " class=\"num\"" : "")\(label)>\(escapeHTML(value))</td>"
                }
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n</div>\n"
        if let note = table.note { out += "<p class=\"table-note\">\(escapeHTML(note))</p>\n" }
        return out
    }

    /// Print-friendly styles: A4 pages, readable type, tables that do not split awkwardly.
    static let css = """
        @page { size: A4; margin: 18mm 16mm 20mm 16mm; }
        :root { color-scheme: light; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
               font-size: 11pt; line-height: 1.45; color: #1b1b1b; background: #ffffff; margin: 0; }
        main { max-width: 60rem; margin: 0 auto; padding: 12mm 1rem; }
        h1 { font-size: 20pt; line-height: 1.2; margin: 0 0 4pt 0; color: #0b3c5d; }
        h2 { font-size: 14pt; margin: 18pt 0 6pt 0; color: #0b3c5d; border-bottom: 1.5pt solid #0b3c5d; padding-bottom: 2pt;
             break-after: avoid; page-break-after: avoid; }
        h3 { font-size: 11.5pt; margin: 12pt 0 4pt 0; break-after: avoid; page-break-after: avoid; }
        p { margin: 0 0 7pt 0; }
        .subtitle { color: #4a4a4a; margin-bottom: 8pt; }
        .banner { border: 1.5pt solid #a15c00; background: #fff4e0; padding: 6pt 9pt; font-weight: 600; }
        .note { border-left: 3pt solid #0b3c5d; background: #eef3f7; padding: 5pt 9pt; }
        .table-wrap { max-width: 100%; overflow-x: auto; margin: 4pt 0 10pt 0; }
        .table-wrap:focus { outline: 1.5pt solid #0b3c5d; }
        table { border-collapse: collapse; width: 100%; font-size: 9.5pt; break-inside: avoid; page-break-inside: avoid; }
        caption { text-align: left; font-weight: 600; padding: 0 0 3pt 0; }
        th, td { border-bottom: 0.5pt solid #c8c8c8; padding: 2.5pt 5pt; vertical-align: top; text-align: left; }
        thead th { border-bottom: 1pt solid #1b1b1b; font-weight: 600; }
        tbody th { font-weight: normal; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        th, td { overflow-wrap: break-word; hyphens: auto; }
        table.wide { font-size: 8.5pt; }
        .table-note { font-size: 8.5pt; color: #4a4a4a; margin-top: -6pt; }
        figure { margin: 6pt 0 12pt 0; break-inside: avoid; page-break-inside: avoid; }
        figure svg { max-width: 100%; height: auto; }
        figcaption { font-size: 9pt; color: #4a4a4a; }
        .key-figures { display: flex; flex-wrap: wrap; gap: 6pt; margin: 6pt 0 10pt 0; }
        .key-figure { flex: 1 1 30%; border: 0.75pt solid #c8c8c8; padding: 5pt 7pt; break-inside: avoid; }
        .key-figure .value { display: block; font-size: 16pt; font-weight: 700; color: #0b3c5d; }
        .key-figure .label { display: block; font-size: 9pt; color: #333333; }
        .rating { border: 0.75pt solid #c8c8c8; border-left-width: 5pt; padding: 5pt 9pt; margin: 0 0 7pt 0;
                  break-inside: avoid; page-break-inside: avoid; }
        .rating .question { font-weight: 600; }
        .rating.positive { border-left-color: #009E73; }
        .rating.negative { border-left-color: #D55E00; }
        .rating.neutral { border-left-color: #7a7a7a; }
        .rating.not-assessable-from-these-data { border-left-color: #c8c8c8; }
        .rating .limits { font-size: 9pt; color: #4a4a4a; font-style: italic; }
        pre { font-size: 8pt; background: #f6f6f6; padding: 6pt; white-space: pre-wrap; break-inside: avoid; }
        ul { margin: 0 0 7pt 0; padding-left: 16pt; }
        @media screen and (max-width: 40rem) {
            main { padding: 6mm 0.75rem; }
            h1 { font-size: 16pt; }
            .key-figure { flex-basis: 100%; }
            .table-wrap { overflow-x: visible; }
            table, tbody, tr, th, td, caption { display: block; width: auto; }
            thead { display: none; }
            tbody tr { border-bottom: 1pt solid #1b1b1b; padding: 3pt 0; }
            tbody th, tbody td, tbody td.num { border: none; padding: 1.5pt 0; text-align: left; }
            tbody th { font-weight: 600; }
            tbody td[data-label]::before { content: attr(data-label) ": "; color: #4a4a4a; }
            .table-note { margin-top: 0; }
        }
        @media print {
            main { padding: 0; max-width: none; }
            .banner { background: none; }
            .table-wrap { overflow: visible; }
            table { font-size: 8.5pt; }
            table.wide { font-size: 7.5pt; }
            th, td { padding: 2pt 3pt; }
        }
        """
}

import Foundation
