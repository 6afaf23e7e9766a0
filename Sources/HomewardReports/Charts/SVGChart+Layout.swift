import HomewardCore

// MARK: - Text measurement

extension SVGChart {
    /// Layout helpers shared by the charts: text size estimates, wrapping, titles, legends and axes.
    enum Layout {
        /// The outer margin of every chart.
        static let margin = 16.0

        /// An estimate of the width of `text` in a sans-serif font at `size` px (slightly generous).
        static func textWidth(_ text: String, size: Double = Style.fontSize, bold: Bool = false) -> Double {
            var ems = 0.0
            for ch in text {
                switch ch {
                case "i", "l", "j", "I", "!", "|", ".", ",", ":", ";", "'", "`": ems += 0.28
                case " ", "f", "t", "r", "(", ")", "[", "]", "-", "1": ems += 0.36
                case "m", "w", "M", "W", "@", "%", "—": ems += 0.9
                case "–": ems += 0.56
                default:
                    if ch.isUppercase { ems += 0.68 } else if ch.isNumber { ems += 0.58 } else { ems += 0.56 }
                }
            }
            return ems * size * (bold ? 1.08 : 1.0)
        }

        /// `text` cut to fit `width` px, ending with "…" if it was cut.
        static func truncate(_ text: String, width: Double, size: Double = Style.fontSize, bold: Bool = false) -> String {
            guard textWidth(text, size: size, bold: bold) > width else { return text }
            var kept = ""
            for ch in text {
                if textWidth(kept + String(ch) + "…", size: size, bold: bold) > width { break }
                kept.append(ch)
            }
            return kept + "…"
        }

        /// `text` broken at spaces into lines of at most `width` px (a long word is truncated).
        static func wrap(_ text: String, width: Double, size: Double = Style.fontSize, bold: Bool = false) -> [String] {
            var lines: [String] = []
            var current = ""
            for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
                let candidate = current.isEmpty ? word : current + " " + word
                if textWidth(candidate, size: size, bold: bold) <= width || current.isEmpty {
                    current = candidate
                } else {
                    lines.append(current)
                    current = word
                }
            }
            if !current.isEmpty { lines.append(current) }
            return lines.map { truncate($0, width: width, size: size, bold: bold) }
        }

        // MARK: Title

        /// Draws the visible title (if shown), wrapped to the chart's width.
        /// - Returns: The y coordinate below the title where the chart's content may start.
        static func header(_ title: String, shows: Bool, width: Double, into canvas: inout Canvas) -> Double {
            guard shows, !title.isEmpty else { return margin }
            let lines = wrap(title, width: width - 2 * margin, size: Style.titleSize, bold: true)
            var y = margin + Style.titleSize - 2
            for line in lines {
                canvas.text(line, x: margin, y: y, size: Style.titleSize, bold: true)
                y += Style.titleSize + 4
            }
            return y - Style.titleSize + 10
        }

        // MARK: Legend

        /// What a legend entry shows before its label.
        enum Key {
            /// A filled square (a bar colour or pattern).
            case swatch(fill: String)
            /// A short line with an optional dash and marker.
            case line(stroke: String, dash: String?, shape: Shape?)
            /// A marker shape.
            case marker(shape: Shape, fill: String, stroke: String)
        }

        /// The width of a legend entry's key.
        static func keyWidth(_ key: Key) -> Double {
            if case .line = key { return 26 }
            return 14
        }

        /// Draws a legend key with its top-left corner at (x, y), 12px tall.
        static func drawKey(_ key: Key, x: Double, y: Double, into canvas: inout Canvas) {
            switch key {
            case let .swatch(fill):
                canvas.rect(x, y, 14, 12, fill: fill, extra: [("stroke", Style.outline), ("stroke-width", "0.6")])
            case let .line(stroke, dash, shape):
                var extra: [(String, String)] = [("stroke-linecap", "butt")]
                if let dash { extra.append(("stroke-dasharray", dash)) }
                canvas.line(x, y + 6, x + 26, y + 6, stroke: stroke, width: 2.5, extra: extra)
                if let shape {
                    canvas.element("path", [("d", Style.markerPath(shape, x: x + 13, y: y + 6, r: 3.6)), ("fill", stroke),
                                            ("stroke", "#ffffff"), ("stroke-width", "1")])
                }
            case let .marker(shape, fill, stroke):
                canvas.element("path", [("d", Style.markerPath(shape, x: x + 7, y: y + 6, r: 5)), ("fill", fill),
                                        ("stroke", stroke), ("stroke-width", "1")])
            }
        }

        /// Draws legend entries left to right from (x, y), wrapping within `maxWidth`.
        /// - Returns: The height used (0 when there are no entries).
        @discardableResult
        static func legend(_ entries: [(key: Key, label: String)], x: Double, y: Double, maxWidth: Double,
                           into canvas: inout Canvas) -> Double {
            guard !entries.isEmpty else { return 0 }
            let rowHeight = 18.0
            var cx = x, cy = y
            for entry in entries {
                let label = truncate(entry.label, width: maxWidth - keyWidth(entry.key) - 6)
                let itemWidth = keyWidth(entry.key) + 6 + textWidth(label)
                if cx > x && cx + itemWidth > x + maxWidth {
                    cx = x
                    cy += rowHeight
                }
                drawKey(entry.key, x: cx, y: cy + 1, into: &canvas)
                canvas.text(label, x: cx + keyWidth(entry.key) + 6, y: cy + 11)
                cx += itemWidth + 18
            }
            return cy - y + rowHeight
        }

        // MARK: Axes

        /// Draws horizontal gridlines and tick labels for a vertical value axis.
        static func valueAxisVertical(_ scale: NiceScale, format: ValueFormat, left: Double, right: Double,
                                      top: Double, bottom: Double, into canvas: inout Canvas) {
            let decimals = format.tickDecimals(step: scale.step)
            for tick in scale.ticks {
                let y = scale.position(tick, from: bottom, to: top)
                let isZero = abs(tick) < scale.step * 1e-6
                canvas.line(left, y, right, y, stroke: isZero ? Style.axis : Style.grid, width: isZero ? 1 : 0.8)
                canvas.text(format.string(tick, minimumDecimals: decimals), x: left - 6, y: y + 4, anchor: "end",
                            fill: Style.muted)
            }
        }

        /// The widest tick label of a value axis.
        static func tickLabelWidth(_ scale: NiceScale, format: ValueFormat) -> Double {
            let decimals = format.tickDecimals(step: scale.step)
            return scale.ticks.map { textWidth(format.string($0, minimumDecimals: decimals)) }.max() ?? 0
        }

        /// Draws vertical gridlines and tick labels (below `bottom`) for a horizontal value axis.
        static func valueAxisHorizontal(_ scale: NiceScale, format: ValueFormat, left: Double, right: Double,
                                        top: Double, bottom: Double, into canvas: inout Canvas) {
            let decimals = format.tickDecimals(step: scale.step)
            for tick in scale.ticks {
                let x = scale.position(tick, from: left, to: right)
                canvas.line(x, top, x, bottom, stroke: Style.grid, width: 0.8)
                canvas.text(format.string(tick, minimumDecimals: decimals), x: x, y: bottom + 16, anchor: "middle",
                            fill: Style.muted)
            }
        }

        /// Indices of `count` evenly spaced labels to show so that labels of `labelWidth` px,
        /// `spacing` px apart, do not overlap; always includes the first.
        static func thinned(count: Int, spacing: Double, labelWidth: Double) -> [Int] {
            guard count > 0 else { return [] }
            guard spacing > 0 else { return [0] }
            let every = max(1, Int(((labelWidth + 8) / spacing).rounded(.up)))
            let steps = [1, 2, 4, 5, 10, 13, 20, 25, 26, 50, 100, 250, 500, 1000]
            let step = steps.first { $0 >= every } ?? every
            return Array(stride(from: 0, to: count, by: step))
        }

        /// Draws a note in the middle of an empty plot.
        static func noData(_ text: String = "No data to show", x: Double, y: Double, into canvas: inout Canvas) {
            canvas.text(text, x: x, y: y, size: Style.labelSize, anchor: "middle", fill: Style.muted)
        }
    }
}
