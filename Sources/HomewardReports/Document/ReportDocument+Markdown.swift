extension ReportDocument {
    /// The report as Markdown (GitHub-flavoured tables).
    public func markdown() -> String {
        var out = "# \(title)\n\n\(subtitle)\n\n"
        if let banner { out += "> **\(banner)**\n\n" }
        for block in blocks {
            switch block {
            case let .heading(level, text):
                out += String(repeating: "#", count: max(2, min(level, 4))) + " \(text)\n\n"
            case let .paragraph(text):
                out += text + "\n\n"
            case let .bullets(items):
                out += items.map { "- \($0)" }.joined(separator: "\n") + "\n\n"
            case let .table(table):
                out += "**\(table.caption)**\n\n"
                out += "| " + table.header.map(cell).joined(separator: " | ") + " |\n"
                out += "|" + table.numeric.map { $0 ? "---:" : "---" }.joined(separator: "|") + "|\n"
                for row in table.rows {
                    out += "| " + row.map(cell).joined(separator: " | ") + " |\n"
                }
                if let note = table.note { out += "\n" + note + "\n" }
                out += "\n"
            case let .figure(_, caption):
                out += "*Figure (in the HTML report): \(caption)*\n\n"
            case let .keyFigures(figures):
                out += figures.map { "- **\($0.value)** \($0.label)" }.joined(separator: "\n") + "\n\n"
            case let .note(text):
                out += "> \(text)\n\n"
            case let .rating(question, rating, evidence, limits):
                out += "**\(question)** Rating: **\(rating)**.\n\n\(evidence) *\(limits)*\n\n"
            case let .preformatted(text):
                out += "```\n" + text + (text.hasSuffix("\n") ? "" : "\n") + "```\n\n"
            }
        }
        return out
    }

    private func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}

import Foundation
