import Foundation
import HomewardCore

// MARK: - Canvas

extension SVGChart {
    /// An append-only writer of SVG elements: attribute values and text are escaped,
    /// numbers go through `Format.fixed` with at most one decimal, attributes keep the
    /// order they are given in.
    struct Canvas {
        /// Stands for the chart's id prefix until the document is finished. User text cannot
        /// contain it: `escape` drops control characters.
        static let idToken = "\u{1}id\u{1}"

        private(set) var body = ""
        /// The nominal size of the chart.
        let width: Double
        let height: Double

        init(width: Double, height: Double) {
            self.width = width
            self.height = height
        }

        /// A number with at most one decimal and no trailing ".0", never "-0".
        static func num(_ value: Double) -> String {
            guard value.isFinite else { return "0" }
            var text = Format.fixed(value, 1)
            if text.hasSuffix(".0") { text.removeLast(2) }
            if text == "-0" { text = "0" }
            return text
        }

        /// A document-unique id for `name` (e.g. a pattern), valid once the document is finished.
        static func id(_ name: String) -> String { idToken + "-" + name }

        /// `text` escaped for XML content and attribute values; characters XML 1.0 forbids are dropped.
        static func escape(_ text: String) -> String {
            var out = ""
            out.reserveCapacity(text.utf8.count)
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&#39;"
                case "\t", "\n", "\r": out += " "
                default:
                    if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                        || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                        continue
                    }
                    out.unicodeScalars.append(scalar)
                }
            }
            return out
        }

        // MARK: Elements

        /// Appends `<name attrs>` (an open tag).
        mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
            body += "<" + name + Canvas.attributes(attributes) + ">"
        }

        /// Appends `</name>` and a newline.
        mutating func close(_ name: String) {
            body += "</" + name + ">\n"
        }

        /// Appends a self-closing `<name attrs/>` and a newline.
        mutating func element(_ name: String, _ attributes: [(String, String)]) {
            body += "<" + name + Canvas.attributes(attributes) + "/>\n"
        }

        /// Appends `<name attrs>text</name>` with `text` escaped.
        mutating func element(_ name: String, _ attributes: [(String, String)], text: String) {
            body += "<" + name + Canvas.attributes(attributes) + ">" + Canvas.escape(text) + "</" + name + ">\n"
        }

        /// Appends already-escaped markup.
        mutating func raw(_ markup: String) {
            body += markup
        }

        private static func attributes(_ attributes: [(String, String)]) -> String {
            var out = ""
            for (key, value) in attributes {
                // Escape around the id token, which `escape` would otherwise drop.
                let escaped = value.components(separatedBy: idToken).map(escape).joined(separator: idToken)
                out += " " + key + "=\"" + escaped + "\""
            }
            return out
        }

        // MARK: Shapes

        /// A line from (x1, y1) to (x2, y2).
        mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double,
                           stroke: String, width: Double = 1, extra: [(String, String)] = []) {
            element("line", [("x1", Canvas.num(x1)), ("y1", Canvas.num(y1)), ("x2", Canvas.num(x2)),
                             ("y2", Canvas.num(y2)), ("stroke", stroke), ("stroke-width", Canvas.num(width))] + extra)
        }

        /// A rectangle; negative sizes are normalised.
        mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double,
                           fill: String, extra: [(String, String)] = []) {
            let left = min(x, x + w), top = min(y, y + h)
            element("rect", [("x", Canvas.num(left)), ("y", Canvas.num(top)), ("width", Canvas.num(abs(w))),
                             ("height", Canvas.num(abs(h))), ("fill", fill)] + extra)
        }

        /// A text element; `anchor` is "start", "middle" or "end".
        mutating func text(_ string: String, x: Double, y: Double, size: Double = Style.fontSize,
                           anchor: String = "start", fill: String = Style.ink, bold: Bool = false,
                           extra: [(String, String)] = []) {
            var attributes: [(String, String)] = [("x", Canvas.num(x)), ("y", Canvas.num(y))]
            if size != Style.fontSize { attributes.append(("font-size", Canvas.num(size))) }
            if anchor != "start" { attributes.append(("text-anchor", anchor)) }
            if bold { attributes.append(("font-weight", "bold")) }
            attributes.append(("fill", fill))
            element("text", attributes + extra, text: string)
        }

        /// A text element with a white halo so it stays legible over lines and shapes.
        mutating func haloText(_ string: String, x: Double, y: Double, size: Double = Style.fontSize,
                               anchor: String = "start", fill: String = Style.ink, bold: Bool = false) {
            text(string, x: x, y: y, size: size, anchor: anchor, fill: fill, bold: bold, extra: [
                ("stroke", "#ffffff"), ("stroke-width", "3"), ("stroke-linejoin", "round"), ("paint-order", "stroke"),
            ])
        }

        // MARK: Document

        /// The complete `<svg>` document around the body, with ids made unique by a content hash.
        /// - Parameters:
        ///   - title: The chart's accessible name (`aria-label` and `<title>`).
        ///   - description: The longer text alternative (`<desc>`).
        func document(title: String, description: String) -> String {
            let w = Canvas.num(width), h = Canvas.num(height)
            let label = title.isEmpty ? description : title
            var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h
            out += "\" viewBox=\"0 0 " + w + " " + h + "\" role=\"img\" aria-label=\"" + Canvas.escape(label)
            out += "\" aria-describedby=\"" + Canvas.id("desc") + "\" font-family=\"" + Canvas.escape(Style.fontFamily)
            out += "\" font-size=\"" + Canvas.num(Style.fontSize) + "\" style=\"max-width:100%;height:auto\">\n"
            out += "<title>" + Canvas.escape(label) + "</title>\n"
            out += "<desc id=\"" + Canvas.id("desc") + "\">" + Canvas.escape(description) + "</desc>\n"
            out += "<rect width=\"" + w + "\" height=\"" + h + "\" fill=\"#ffffff\"/>\n"
            out += body
            out += "</svg>\n"
            let prefix = "hwc" + Canvas.hashHex(out)
            return out.replacingOccurrences(of: Canvas.idToken, with: prefix)
        }

        /// FNV-1a 64-bit hash of the UTF-8 bytes, as 12 hex digits.
        static func hashHex(_ text: String) -> String {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
            let hex = String(hash, radix: 16)
            let padded = String(repeating: "0", count: max(0, 16 - hex.count)) + hex
            return String(padded.prefix(12))
        }
    }
}
