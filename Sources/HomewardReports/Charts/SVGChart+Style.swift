import Foundation
import HomewardCore

// MARK: - Colours

extension SVGChart {
    /// The Okabe–Ito colour-blind-safe palette, plus a neutral grey.
    public enum Colour: String, Sendable, CaseIterable {
        case blue, orange, green, vermillion, purple, sky, yellow, black, grey

        /// The fill or stroke colour as `#rrggbb`.
        public var hex: String {
            switch self {
            case .blue: return "#0072B2"
            case .orange: return "#E69F00"
            case .green: return "#009E73"
            case .vermillion: return "#D55E00"
            case .purple: return "#CC79A7"
            case .sky: return "#56B4E9"
            case .yellow: return "#F0E442"
            case .black: return "#000000"
            case .grey: return "#8C8C8C"
            }
        }

        /// A darker shade of the colour with at least 4.5:1 contrast on white, for text.
        public var textHex: String {
            switch self {
            case .blue: return "#0072B2"
            case .orange: return "#8A5A00"
            case .green: return "#00704F"
            case .vermillion: return "#A84A00"
            case .purple: return "#94466F"
            case .sky: return "#1D6A96"
            case .yellow: return "#6B6400"
            case .black: return "#000000"
            case .grey: return "#595959"
            }
        }

        /// Whether the colour is dark enough to carry white text or white hatching.
        var isDark: Bool { SVGChart.Style.luminance(hex) < 0.3 }
    }
}

// MARK: - Marker shapes

extension SVGChart {
    /// A marker shape; all shapes of the same size have about the same area.
    public enum Shape: String, Sendable, CaseIterable {
        case circle, square, triangle, diamond, cross, triangleDown
    }
}

// MARK: - Style

extension SVGChart {
    /// Fonts, greys and the per-series distinguishing styles shared by all charts.
    enum Style {
        static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
        static let fontSize = 12.0
        static let smallSize = 11.0
        static let labelSize = 13.0
        static let titleSize = 15.0
        static let ink = "#1a1a1a"
        static let muted = "#555555"
        static let grid = "#e0e0e0"
        static let axis = "#333333"
        static let outline = "#333333"

        /// Colours for bars and areas, in series order.
        static let barColours: [Colour] = [.blue, .orange, .green, .vermillion, .purple, .sky, .yellow, .grey]
        /// Colours for lines, in series order (yellow is too faint for a line on white).
        static let lineColours: [Colour] = [.blue, .vermillion, .green, .purple, .orange, .sky, .black, .grey]
        /// Dash arrays for lines, in series order.
        static let dashes: [String?] = [nil, "7 4", "2 3", "10 3 2 3", "4 4", "1 3", "12 4", "6 2 2 2 2 2"]
        /// Marker shapes for lines, in series order.
        static let shapes: [Shape] = [.circle, .square, .triangle, .diamond, .cross, .triangleDown]

        /// Hatching for bars, so that series differ in greyscale as well as colour.
        enum Hatch: CaseIterable { case solid, diagonal, dots, horizontal, cross, backDiagonal, vertical }
        static let hatches: [Hatch] = [.solid, .diagonal, .dots, .horizontal, .cross, .backDiagonal, .vertical, .diagonal]

        static func barColour(_ index: Int, override: Colour? = nil) -> Colour {
            override ?? barColours[index % barColours.count]
        }
        static func lineColour(_ index: Int, override: Colour? = nil) -> Colour {
            override ?? lineColours[index % lineColours.count]
        }
        static func dash(_ index: Int) -> String? { dashes[index % dashes.count] }
        static func shape(_ index: Int) -> Shape { shapes[index % shapes.count] }
        static func hatch(_ index: Int) -> Hatch { hatches[index % hatches.count] }

        /// Relative luminance (WCAG) of a `#rrggbb` colour.
        static func luminance(_ hex: String) -> Double {
            let digits = Array(hex.dropFirst())
            guard digits.count == 6 else { return 1 }
            func channel(_ i: Int) -> Double {
                let value = Double(Int(String(digits[i..<i + 2]), radix: 16) ?? 255) / 255
                return value <= 0.03928 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
        }

        /// `#rrggbb` between two colours, `t` from 0 (first) to 1 (second).
        static func mix(_ a: String, _ b: String, _ t: Double) -> String {
            let da = Array(a.dropFirst()), db = Array(b.dropFirst())
            var out = "#"
            for i in stride(from: 0, to: 6, by: 2) {
                let x = Double(Int(String(da[i..<i + 2]), radix: 16) ?? 0)
                let y = Double(Int(String(db[i..<i + 2]), radix: 16) ?? 0)
                let v = Int((x + (y - x) * t).rounded())
                let hex = String(min(max(v, 0), 255), radix: 16, uppercase: true)
                out += (hex.count == 1 ? "0" : "") + hex
            }
            return out
        }

        // MARK: Patterns

        /// The fill for bar series `index` in `colour`: the colour itself, or a hatch pattern.
        static func barFill(_ index: Int, colour: Colour) -> String {
            hatch(index) == .solid ? colour.hex : "url(#" + Canvas.id("p\(index)") + ")"
        }

        /// Writes `<defs>` with the hatch patterns for bar series `0..<colours.count`.
        static func writePatterns(_ colours: [Colour], into canvas: inout Canvas) {
            let needed = colours.indices.filter { hatch($0) != .solid }
            guard !needed.isEmpty else { return }
            canvas.open("defs")
            canvas.raw("\n")
            for index in needed {
                let colour = colours[index]
                let ink: [(String, String)] = colour.isDark
                    ? [("fill", "#ffffff"), ("fill-opacity", "0.7")]
                    : [("fill", "#000000"), ("fill-opacity", "0.55")]
                let kind = hatch(index)
                let size = kind == .dots ? 5.0 : 6.0
                var attributes: [(String, String)] = [
                    ("id", Canvas.id("p\(index)")), ("width", Canvas.num(size)), ("height", Canvas.num(size)),
                    ("patternUnits", "userSpaceOnUse"),
                ]
                switch kind {
                case .diagonal, .cross: attributes.append(("patternTransform", "rotate(45)"))
                case .backDiagonal: attributes.append(("patternTransform", "rotate(-45)"))
                default: break
                }
                canvas.open("pattern", attributes)
                canvas.element("rect", [("width", Canvas.num(size)), ("height", Canvas.num(size)), ("fill", colour.hex)])
                switch kind {
                case .solid: break
                case .diagonal, .backDiagonal, .vertical:
                    canvas.element("rect", [("width", "2"), ("height", "6")] + ink)
                case .horizontal:
                    canvas.element("rect", [("width", "6"), ("height", "2")] + ink)
                case .cross:
                    canvas.element("rect", [("width", "1.5"), ("height", "6")] + ink)
                    canvas.element("rect", [("width", "6"), ("height", "1.5")] + ink)
                case .dots:
                    canvas.element("circle", [("cx", "2.5"), ("cy", "2.5"), ("r", "1.3")] + ink)
                }
                canvas.close("pattern")
            }
            canvas.close("defs")
        }

        // MARK: Markers

        /// The path data of `shape` centred on (x, y), about as large in area as a circle of radius `r`.
        static func markerPath(_ shape: Shape, x: Double, y: Double, r: Double) -> String {
            func p(_ dx: Double, _ dy: Double) -> String { Canvas.num(x + dx) + " " + Canvas.num(y + dy) }
            func polygon(_ points: [(Double, Double)]) -> String {
                "M" + points.map { p($0.0, $0.1) }.joined(separator: "L") + "Z"
            }
            switch shape {
            case .circle:
                return "M" + p(-r, 0) + "A" + Canvas.num(r) + " " + Canvas.num(r) + " 0 1 0 " + p(r, 0)
                    + "A" + Canvas.num(r) + " " + Canvas.num(r) + " 0 1 0 " + p(-r, 0) + "Z"
            case .square:
                let h = 0.886 * r
                return polygon([(-h, -h), (h, -h), (h, h), (-h, h)])
            case .diamond:
                let h = 1.253 * r
                return polygon([(0, -h), (h, 0), (0, h), (-h, 0)])
            case .triangle, .triangleDown:
                let side = 2.694 * r, height = 2.333 * r
                let s: Double = shape == .triangle ? 1 : -1
                return polygon([(0, -s * height * 2 / 3), (side / 2, s * height / 3), (-side / 2, s * height / 3)])
            case .cross:
                let t = 0.32 * r, reach = 1.3 * r
                let plus: [(Double, Double)] = [
                    (t, reach), (t, t), (reach, t), (reach, -t), (t, -t), (t, -reach),
                    (-t, -reach), (-t, -t), (-reach, -t), (-reach, t), (-t, t), (-t, reach),
                ]
                let c = 0.7071067811865476
                return polygon(plus.map { ($0.0 * c - $0.1 * c, $0.0 * c + $0.1 * c) })
            }
        }
    }
}
