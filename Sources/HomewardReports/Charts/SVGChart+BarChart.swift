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
        let values = series.map { $0.finiteValues(count: categories.count) }
        let all = values.flatMap { $0.compactMap { $0 } }
        var low = min(0, all.min() ?? 0), high = max(0, all.max() ?? 0)
        if let reference, reference.value.isFinite {
            low = min(low, reference.value)
            high = max(high, reference.value)
        }
        let scale = NiceScale(covering: low, high, maxTicks: 6)
        let colours = series.indices.map { Style.barColour($0, override: series[$0].colour) }

        // MARK: Geometry
        let barHeight = series.count > 1 ? 16.0 : 20.0, barGap = 2.0, groupGap = 14.0
        let labelSpace = min(categories.map { Layout.textWidth($0) }.max() ?? 0, width * 0.38)
        let valueLabels = values.flatMap { row in row.map { $0.map(valueFormat.string) ?? "no data" } }
        let valueSpace = valueLabels.map { Layout.textWidth($0) }.max() ?? 0

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
        let plot = BarPlot(values: values, scale: scale, left: Layout.margin + labelSpace + 10,
                           right: width - Layout.margin - valueSpace - 6, top: top, categories: categories.count,
                           barHeight: barHeight, barGap: barGap, groupGap: groupGap,
                           groupHeight: Double(k) * barHeight + Double(k - 1) * barGap)
        let height = plot.bottom + 22 + (axisLabel == nil ? 0 : 20) + Layout.margin - 4

        // MARK: Axis and bars
        Layout.valueAxisHorizontal(scale, format: valueFormat, left: plot.left, right: plot.right, top: plot.top,
                                   bottom: plot.bottom, into: &body)
        for (c, category) in categories.enumerated() {
            drawCategoryLabel(category, group: c, labelSpace: labelSpace, plot: plot, into: &body)
            drawBars(group: c, category: category, series: series, colours: colours, format: valueFormat, plot: plot, into: &body)
        }
        body.line(plot.x0, plot.top, plot.x0, plot.bottom, stroke: Style.axis)
        if let axisLabel {
            body.text(Layout.truncate(axisLabel, width: plot.right - plot.left), x: (plot.left + plot.right) / 2,
                      y: plot.bottom + 38, size: Style.labelSize, anchor: "middle")
        }
        if let reference, reference.value.isFinite {
            drawReferenceLine(reference, format: valueFormat, width: width, plot: plot, into: &body)
        }
        if categories.isEmpty || series.isEmpty {
            Layout.noData(x: width / 2, y: plot.top + 12, into: &body)
        }

        let summary = barSummary(categories: categories, series: series, values: values, reference: reference, format: valueFormat)
        var canvas = Canvas(width: width, height: height.rounded(.up))
        canvas.raw(body.body)
        return canvas.document(title: title, description: joined(description, summary))
    }

    /// A bar chart's plot area: one group of bars per category, top to bottom.
    private struct BarPlot {
        /// `values[s][c]`: series `s` in category `c`, nil where missing.
        let values: [[Double?]]
        let scale: NiceScale
        let left: Double
        let right: Double
        let top: Double
        /// The number of categories.
        let categories: Int
        let barHeight: Double
        let barGap: Double
        let groupGap: Double
        /// The height of one category's bars together.
        let groupHeight: Double

        var bottom: Double { top + Double(categories) * (groupHeight + groupGap) }
        /// Where zero is, and so where every bar starts.
        var x0: Double { scale.position(0, from: left, to: right) }
        func x(_ v: Double) -> Double { scale.position(v, from: left, to: right) }
        /// The top of category `c`'s group of bars.
        func groupTop(_ c: Int) -> Double { top + groupGap / 2 + Double(c) * (groupHeight + groupGap) }
    }

    /// A category's name to the left of its bars, wrapped to at most as many lines as fit beside them.
    private static func drawCategoryLabel(_ category: String, group c: Int, labelSpace: Double, plot: BarPlot,
                                          into body: inout Canvas) {
        let maxLines = max(1, Int((plot.groupHeight + plot.groupGap - 2) / 14))
        var lines = Layout.wrap(category, width: labelSpace)
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] = Layout.truncate(lines[maxLines - 1] + " …", width: labelSpace)
        }
        let firstBaseline = plot.groupTop(c) + plot.groupHeight / 2 + 4 - Double(lines.count - 1) * 7
        for (i, line) in lines.enumerated() {
            body.text(line, x: plot.left - 8, y: firstBaseline + Double(i) * 14, anchor: "end")
        }
    }

    /// One category's bars, one per series, each with a tooltip and its value at its end ("no data" where missing).
    private static func drawBars(group c: Int, category: String, series: [Series], colours: [Colour],
                                 format valueFormat: ValueFormat, plot: BarPlot, into body: inout Canvas) {
        for s in series.indices {
            let y = plot.groupTop(c) + Double(s) * (plot.barHeight + plot.barGap)
            guard let v = plot.values[s][c] else {
                body.text("no data", x: plot.x0 + 4, y: y + plot.barHeight / 2 + 4, size: Style.smallSize, fill: Style.muted)
                continue
            }
            let x = plot.x(v)
            body.open("rect", [
                ("x", Canvas.num(min(x, plot.x0))), ("y", Canvas.num(y)), ("width", Canvas.num(abs(x - plot.x0))),
                ("height", Canvas.num(plot.barHeight)), ("fill", Style.barFill(s, colour: colours[s])),
                ("stroke", Style.outline), ("stroke-width", "0.6"),
            ])
            body.element("title", [], text: category + ", " + series[s].name + ": " + valueFormat.string(v))
            body.close("rect")
            body.text(valueFormat.string(v), x: (v >= 0 ? x : plot.x0) + 4, y: y + plot.barHeight / 2 + 4)
        }
    }

    /// A dashed vertical line at the reference value, labelled above the plot and kept within the chart.
    private static func drawReferenceLine(_ reference: ReferenceLine, format valueFormat: ValueFormat, width: Double,
                                          plot: BarPlot, into body: inout Canvas) {
        let x = plot.x(reference.value)
        body.line(x, plot.top - 4, x, plot.bottom, stroke: "#000000", width: 1.5, extra: [("stroke-dasharray", "5 3")])
        let text = Layout.truncate(reference.label + " " + valueFormat.string(reference.value),
                                   width: width - 2 * Layout.margin)
        let half = Layout.textWidth(text) / 2
        let centre = min(max(x, Layout.margin + half), width - Layout.margin - half)
        body.text(text, x: centre, y: plot.top - 8, anchor: "middle")
    }

    /// The text alternative: every category's values, and the reference value.
    private static func barSummary(categories: [String], series: [Series], values: [[Double?]], reference: ReferenceLine?,
                                   format valueFormat: ValueFormat) -> [String] {
        var summary: [String] = []
        for (c, category) in categories.enumerated() {
            let parts = series.indices.map { s in series[s].name + " " + (values[s][c].map(valueFormat.string) ?? "no data") }
            summary.append(category + ": " + parts.joined(separator: ", ") + ".")
        }
        if let reference { summary.append(reference.label + ": " + valueFormat.string(reference.value) + ".") }
        return summary
    }
}
