import HomewardCore

// MARK: - Stacked share bar

extension SVGChart {
    /// One horizontal 100% bar per row (e.g. "Before" and "After"), split into the shares of each
    /// band (e.g. within 25, 25–50, 50–100 and over 100 miles), with the percentage written in
    /// every segment wide enough to hold it.
    ///
    /// Ordered bands get a light-to-dark blue ramp, which reads in greyscale as well as colour;
    /// unordered ones get the categorical palette with hatching.
    /// - Parameters:
    ///   - title: The chart's accessible name, also drawn at the top when `showsTitle` is true.
    ///   - description: A sentence or two for screen readers; a summary of the data is appended.
    ///   - rows: One series per bar: its name labels the bar and its values (counts or shares,
    ///     `nil` as zero) are divided by their total.
    ///   - bands: The band names, left to right, in the legend.
    ///   - ordered: Whether the bands are ordered (a sequential ramp) or not (distinct colours).
    ///   - showsTitle: Whether to draw the title inside the chart.
    ///   - width: The nominal width in px.
    /// - Returns: A complete `<svg>` element.
    public static func stackedShareBar(
        title: String, description: String, rows: [Series], bands: [String], ordered: Bool = true,
        showsTitle: Bool = true, width: Double = 640
    ) -> String {
        let fills: [String]
        let colours = bands.indices.map { Style.barColour($0) }
        if ordered {
            fills = bands.indices.map { Style.ramp($0, of: bands.count) }
        } else {
            fills = bands.indices.map { Style.barFill($0, colour: colours[$0]) }
        }
        func shares(_ row: Series) -> [Double]? {
            let values = bands.indices.map { b in b < row.values.count ? max(row.values[b] ?? 0, 0) : 0 }
                .map { $0.isFinite ? $0 : 0 }
            let total = values.reduce(0, +)
            return total > 0 ? values.map { $0 / total } : nil
        }

        var body = Canvas(width: width, height: 0)
        if !ordered { Style.writePatterns(colours, into: &body) }
        var top = Layout.header(title, shows: showsTitle, width: width, into: &body)
        let entries = bands.indices.map { (key: Layout.Key.swatch(fill: fills[$0]), label: bands[$0]) }
        top += Layout.legend(entries, x: Layout.margin, y: top, maxWidth: width - 2 * Layout.margin, into: &body) + 10

        // MARK: Geometry
        let labelSpace = min(rows.map { Layout.textWidth($0.name) }.max() ?? 0, width * 0.3)
        let left = Layout.margin + labelSpace + 10
        let right = width - Layout.margin - 10
        let rowHeight = 30.0, rowGap = 12.0
        let plotBottom = top + Double(rows.count) * (rowHeight + rowGap) - rowGap
        let height = plotBottom + 28 + Layout.margin - 4

        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            let x = left + tick * (right - left)
            body.line(x, top - 4, x, plotBottom + 4, stroke: Style.grid, width: 0.8)
            body.text(Format.percent(tick, 0), x: x, y: plotBottom + 19, anchor: "middle", fill: Style.muted)
        }

        // MARK: Bars
        var summary: [String] = []
        for (r, row) in rows.enumerated() {
            let y = top + Double(r) * (rowHeight + rowGap)
            body.text(Layout.truncate(row.name, width: labelSpace), x: left - 8, y: y + rowHeight / 2 + 4, anchor: "end")
            guard let parts = shares(row) else {
                body.text("no data", x: left + 4, y: y + rowHeight / 2 + 4, size: Style.smallSize, fill: Style.muted)
                summary.append(row.name + ": no data.")
                continue
            }
            var x = left
            for (b, share) in parts.enumerated() where share > 0 {
                let w = share * (right - left)
                body.open("rect", [
                    ("x", Canvas.num(x)), ("y", Canvas.num(y)), ("width", Canvas.num(w)), ("height", Canvas.num(rowHeight)),
                    ("fill", fills[b]), ("stroke", "#ffffff"), ("stroke-width", "1"),
                ])
                body.element("title", [], text: row.name + ", " + bands[b] + ": " + Format.percent(share, 1))
                body.close("rect")
                let text = share < 0.005 ? "<1%" : Format.percent(share, 0)
                if Layout.textWidth(text) + 6 <= w {
                    if ordered {
                        let dark = Style.luminance(fills[b]) < 0.3
                        body.text(text, x: x + w / 2, y: y + rowHeight / 2 + 4, anchor: "middle",
                                  fill: dark ? "#ffffff" : Style.ink)
                    } else {
                        body.haloText(text, x: x + w / 2, y: y + rowHeight / 2 + 4, anchor: "middle")
                    }
                }
                x += w
            }
            body.rect(left, y, right - left, rowHeight, fill: "none",
                      extra: [("stroke", Style.outline), ("stroke-width", "0.8")])
            let described = bands.indices.map { bands[$0] + " " + Format.percent(parts[$0], 1) }
            summary.append(row.name + ": " + described.joined(separator: ", ") + ".")
        }
        if rows.isEmpty || bands.isEmpty { Layout.noData(x: width / 2, y: top + 14, into: &body) }

        var canvas = Canvas(width: width, height: height.rounded(.up))
        canvas.raw(body.body)
        return canvas.document(title: title, description: joined(description, summary))
    }
}

// MARK: - Sequential ramp

extension SVGChart.Style {
    /// Band `index` of `count` on a light-to-dark blue ramp whose lightness falls steadily.
    static func ramp(_ index: Int, of count: Int) -> String {
        let light = "#DCEAF6", middle = "#4F94CD", dark = "#08306B"
        guard count > 1 else { return middle }
        let t = Double(index) / Double(count - 1)
        return t <= 0.5 ? mix(light, middle, t * 2) : mix(middle, dark, (t - 0.5) * 2)
    }
}
