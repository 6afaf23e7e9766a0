import HomewardCore

/// Accessible, print-safe SVG charts for self-contained HTML reports.
///
/// Every chart is a pure function from values to a complete `<svg>` string:
///
/// - no I/O, randomness or dates: the same input gives the same bytes;
/// - no external fonts, scripts, stylesheets or links, so a page that inlines the
///   chart stays self-contained;
/// - `role="img"`, an `aria-label`, a `<title>` and a `<desc>` (the caller's description
///   followed by a plain-text summary of the data) for screen readers;
/// - `width`, `height` and a `viewBox`, so the chart scales with the page;
/// - text of at least 11px at the nominal size;
/// - colours from the Okabe–Ito colour-blind-safe palette, with series also told apart by
///   hatching, dashes, marker shapes or direct labels so they survive greyscale printing;
/// - every number written through `Format.fixed` with at most one decimal.
///
/// Pattern and element ids are prefixed with a hash of the chart's own content, so several
/// charts can be inlined into one page without their ids colliding.
///
/// All the chart's supporting types are nested here so that they cannot clash with other
/// names in `HomewardReports`.
public enum SVGChart {}

// MARK: - Series

extension SVGChart {
    /// A named series of values, one per category or x position; `nil` marks a missing value.
    public struct Series: Sendable, Equatable {
        /// The name shown in the legend or the direct label.
        public var name: String
        /// The values, aligned with the chart's categories or x labels.
        public var values: [Double?]
        /// A colour to use instead of the palette's colour for this series' position.
        public var colour: Colour?

        /// Creates a series.
        /// - Parameters:
        ///   - name: The name shown in the legend or the direct label.
        ///   - values: The values, aligned with the chart's categories or x labels; `nil` is missing.
        ///   - colour: A colour to use instead of the palette's colour for this series' position.
        /// - Returns: The series.
        public init(name: String, values: [Double?], colour: Colour? = nil) {
            self.name = name
            self.values = values
            self.colour = colour
        }

        /// The values at positions `0..<count`: nil where a value is missing or not finite, or past the end.
        func finiteValues(count: Int) -> [Double?] {
            (0..<count).map { i -> Double? in
                guard i < values.count, let v = values[i], v.isFinite else { return nil }
                return v
            }
        }
    }
}

// MARK: - Value formats

extension SVGChart {
    /// How values are written on axes, value labels and in the text summary.
    public enum ValueFormat: Sendable, Equatable {
        /// A number with thousands separators, `decimals` places and a `suffix` (e.g. `" mi"`).
        case number(decimals: Int = 0, suffix: String = "")
        /// A share (0.25) written as a percentage ("25%") with `decimals` places.
        case percent(decimals: Int = 0)

        /// `value` written in this format.
        /// - Parameters:
        ///   - value: The value to write.
        /// - Returns: The text, e.g. `"1,250"` or `"12.5%"`.
        public func string(_ value: Double) -> String {
            string(value, minimumDecimals: 0)
        }

        /// `value` written in this format with at least `minimumDecimals` places (for axis ticks).
        func string(_ value: Double, minimumDecimals: Int) -> String {
            switch self {
            case let .number(decimals, suffix):
                return ValueFormat.grouped(value, max(decimals, minimumDecimals)) + suffix
            case let .percent(decimals):
                return ValueFormat.grouped(value * 100, max(decimals, minimumDecimals)) + "%"
            }
        }

        /// The number of decimals needed to tell ticks `step` apart in this format.
        func tickDecimals(step: Double) -> Int {
            let shown: Double
            switch self {
            case .number: shown = step
            case .percent: shown = step * 100
            }
            guard shown > 0, shown.isFinite else { return 0 }
            var decimals = 0
            var scaled = shown
            while decimals < 4, abs(scaled - scaled.rounded()) > 1e-6 * max(1, abs(scaled)) {
                scaled *= 10
                decimals += 1
            }
            return decimals
        }

        /// `value` with `decimals` places and thousands separators in the whole part.
        static func grouped(_ value: Double, _ decimals: Int) -> String {
            let text = Format.fixed(value, min(max(decimals, 0), 9))
            guard value.isFinite else { return text }
            let negative = text.hasPrefix("-")
            let unsigned = negative ? String(text.dropFirst()) : text
            let parts = unsigned.split(separator: ".", maxSplits: 1)
            let whole = String(parts[0])
            var grouped = ""
            for (i, ch) in whole.enumerated() {
                if i > 0 && (whole.count - i) % 3 == 0 { grouped += "," }
                grouped.append(ch)
            }
            if parts.count == 2 { grouped += "." + parts[1] }
            return (negative ? "-" : "") + grouped
        }
    }
}
