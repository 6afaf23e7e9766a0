import HomewardCore

// MARK: - Reference line

extension SVGChart {
    /// A labelled vertical line across a bar chart, e.g. a national average or a target.
    public struct ReferenceLine: Sendable, Equatable {
        /// Where the line is drawn on the value axis.
        public var value: Double
        /// The label drawn above the line, e.g. "England and Wales average".
        public var label: String

        /// Creates a reference line.
        /// - Parameters:
        ///   - value: Where the line is drawn on the value axis.
        ///   - label: The label drawn above the line.
        /// - Returns: The reference line.
        public init(value: Double, label: String) {
            self.value = value
            self.label = label
        }
    }
}

// MARK: - Bar chart

extension SVGChart {
    /// A horizontal bar chart: one group of bars per category (e.g. "Men", "Women", "Over 50"),
    /// one bar per series in each group (e.g. before and after), with the value written at the
    /// end of each bar.
    ///
    /// Series are told apart by colour and hatching (see the legend, drawn when there is more
    /// than one series). Missing values (`nil`) are marked "no data". The chart's height follows
    /// from the number of bars.
    /// - Parameters:
    ///   - title: The chart's accessible name, also drawn at the top when `showsTitle` is true.
    ///   - description: A sentence or two for screen readers; a summary of the data is appended.
    ///   - categories: The category names, top to bottom.
    ///   - series: The series, each with one value per category (extra values are ignored,
    ///     missing ones count as `nil`).
    ///   - valueFormat: How values are written on the axis and at the ends of the bars.
    ///   - axisLabel: An optional label under the value axis.
    ///   - reference: An optional labelled vertical line, e.g. an average.
    ///   - showsTitle: Whether to draw the title inside the chart.
    ///   - width: The nominal width in px.
    /// - Returns: A complete `<svg>` element.
    public static func barChart(
        title: String, description: String, categories: [String], series: [Series],
        valueFormat: ValueFormat = .number(), axisLabel: String? = nil, reference: ReferenceLine? = nil,
        showsTitle: Bool = true, width: Double = 640
    ) -> String {
        let k = max(series.count, 1)
        func value(_ s: Int, _ c: Int) -> Double? {
            let values = series[s].values
            guard c < values.count, let v = values[c], v.isFinite else { return nil }
            return v
        }
        let all = series.indices.flatMap { s in categories.indices.compactMap { value(s, $0) } }
        var low = min(0, all.min() ?? 0), high = max(0, all.max() ?? 0)
        if let reference, reference.value.isFinite {
            low = min(low, reference.value)
            high = max(high, reference.value)
        }
        let scale = NiceScale(covering: low, high, maxTicks: 6)
        let colours = series.indices.map { Style.barColour($0, override: series[$0].colour) }

        // MARK: Geometry
        let barHeight = series.count > 1 ? 16.0 : 20.0, barGap = 2.0, groupGap = 14.0
        let groupHeight = Double(k) * barHeight + Double(k - 1) * barGap
        let labelSpace = min(categories.map { Layout.textWidth($0) }.max() ?? 0, width * 0.38)
        let valueLabels = series.indices.flatMap { s in categories.indices.map { c in value(s, c).map(valueFormat.string) ?? "no data" } }
        let valueSpace = valueLabels.map { Layout.textWidth($0) }.max() ?? 0
        let left = Layout.margin + labelSpace + 10
        let right = width - Layout.margin - valueSpace - 6

        var canvas = Canvas(width: width, height: 0)
        var body = Canvas(width: width, height: 0)
        Style.writePatterns(colours, into: &body)
        var top = Layout.header(title, shows: showsTitle, width: width, into: &body)
        if series.count > 1 {
            let entries = series.indices.map {
                (key: Layout.Key.swatch(fill: Style.barFill($0, colour: colours[$0])), label: series[$0].name)
            }
            top += Layout.legend(entries, x: Layout.margin, y: top, maxWidth: width - 2 * Layout.margin, into: &body) + 8
        }
        if reference != nil { top += 18 }
        let plotTop = top
        let plotBottom = plotTop + Double(categories.count) * (groupHeight + groupGap)
        let height = plotBottom + 22 + (axisLabel == nil ? 0 : 20) + Layout.margin - 4

        // MARK: Axis and bars
        Layout.valueAxisHorizontal(scale, format: valueFormat, left: left, right: right, top: plotTop,
                                   bottom: plotBottom, into: &body)
        let x0 = scale.position(0, from: left, to: right)
        for (c, category) in categories.enumerated() {
            let groupTop = plotTop + groupGap / 2 + Double(c) * (groupHeight + groupGap)
            let maxLines = max(1, Int((groupHeight + groupGap - 2) / 14))
            var lines = Layout.wrap(category, width: labelSpace)
            if lines.count > maxLines {
                lines = Array(lines.prefix(maxLines))
                lines[maxLines - 1] = Layout.truncate(lines[maxLines - 1] + " …", width: labelSpace)
            }
            let firstBaseline = groupTop + groupHeight / 2 + 4 - Double(lines.count - 1) * 7
            for (i, line) in lines.enumerated() {
                body.text(line, x: left - 8, y: firstBaseline + Double(i) * 14, anchor: "end")
            }
            for s in series.indices {
                let y = groupTop + Double(s) * (barHeight + barGap)
                guard let v = value(s, c) else {
                    body.text("no data", x: x0 + 4, y: y + barHeight / 2 + 4, size: Style.smallSize, fill: Style.muted)
                    continue
                }
                let x = scale.position(v, from: left, to: right)
                body.open("rect", [
                    ("x", Canvas.num(min(x, x0))), ("y", Canvas.num(y)), ("width", Canvas.num(abs(x - x0))),
                    ("height", Canvas.num(barHeight)), ("fill", Style.barFill(s, colour: colours[s])),
                    ("stroke", Style.outline), ("stroke-width", "0.6"),
                ])
                body.element("title", [], text: category + ", " + series[s].name + ": " + valueFormat.string(v))
                body.close("rect")
                body.text(valueFormat.string(v), x: (v >= 0 ? x : x0) + 4, y: y + barHeight / 2 + 4)
            }
        }
        body.line(x0, plotTop, x0, plotBottom, stroke: Style.axis)
        if let axisLabel {
            body.text(Layout.truncate(axisLabel, width: right - left), x: (left + right) / 2, y: plotBottom + 38,
                      size: Style.labelSize, anchor: "middle")
        }

        // MARK: Reference line
        if let reference, reference.value.isFinite {
            let x = scale.position(reference.value, from: left, to: right)
            body.line(x, plotTop - 4, x, plotBottom, stroke: "#000000", width: 1.5, extra: [("stroke-dasharray", "5 3")])
            let text = Layout.truncate(reference.label + " " + valueFormat.string(reference.value),
                                       width: width - 2 * Layout.margin)
            let half = Layout.textWidth(text) / 2
            let centre = min(max(x, Layout.margin + half), width - Layout.margin - half)
            body.text(text, x: centre, y: plotTop - 8, anchor: "middle")
        }
        if categories.isEmpty || series.isEmpty {
            Layout.noData(x: width / 2, y: plotTop + 12, into: &body)
        }

        // MARK: Text alternative
        var summary: [String] = []
        for (c, category) in categories.enumerated() {
            let parts = series.indices.map { s in series[s].name + " " + (value(s, c).map(valueFormat.string) ?? "no data") }
            summary.append(category + ": " + parts.joined(separator: ", ") + ".")
        }
        if let reference { summary.append(reference.label + ": " + valueFormat.string(reference.value) + ".") }
        canvas = Canvas(width: width, height: height.rounded(.up))
        canvas.raw(body.body)
        return canvas.document(title: title, description: joined(description, summary))
    }
}
