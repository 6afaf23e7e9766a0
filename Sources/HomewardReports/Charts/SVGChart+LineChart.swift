import HomewardCore

// MARK: - Line chart

extension SVGChart {
    /// A line chart of several series over labelled x positions (e.g. weeks 1 to 52), labelled
    /// directly at the right-hand end of each line.
    ///
    /// Series are told apart by colour, dash pattern and (with `markers`) marker shape; each
    /// direct label starts with a sample of its line. A missing value (`nil`) breaks the line;
    /// a value with no neighbours is drawn as a marker.
    /// - Parameters:
    ///   - title: The chart's accessible name, also drawn at the top when `showsTitle` is true.
    ///   - description: A sentence or two for screen readers; a summary of the data is appended.
    ///   - xLabels: The label of each x position, left to right.
    ///   - series: The series, each with one value per x label (extra values are ignored).
    ///   - xAxisLabel: An optional label under the x axis, e.g. "Week".
    ///   - yAxisLabel: The label above the value axis, e.g. "People in custody".
    ///   - valueFormat: How values are written on the axis and in the summary.
    ///   - markers: Whether to draw a marker at every value.
    ///   - includesZero: Whether the value axis must start at zero (recommended for counts).
    ///   - showsTitle: Whether to draw the title inside the chart.
    ///   - width: The nominal width in px.
    ///   - height: The nominal height in px.
    /// - Returns: A complete `<svg>` element.
    public static func lineChart(
        title: String, description: String, xLabels: [String], series: [Series], xAxisLabel: String? = nil,
        yAxisLabel: String, valueFormat: ValueFormat = .number(), markers: Bool = false, includesZero: Bool = true,
        showsTitle: Bool = true, width: Double = 640, height: Double = 360
    ) -> String {
        let n = xLabels.count
        let values = series.map { $0.finiteValues(count: n) }
        let all = values.flatMap { $0.compactMap { $0 } }
        let low = includesZero ? min(0, all.min() ?? 0) : (all.min() ?? 0)
        let high = includesZero ? max(0, all.max() ?? 0) : (all.max() ?? 0)
        let scale = NiceScale(covering: low, high, maxTicks: 6)
        let colours = series.indices.map { Style.lineColour($0, override: series[$0].colour) }

        var canvas = Canvas(width: width, height: height)
        var top = Layout.header(title, shows: showsTitle, width: width, into: &canvas)
        canvas.text(Layout.truncate(yAxisLabel, width: width - 2 * Layout.margin), x: Layout.margin, y: top + 11)
        top += 24

        // MARK: Geometry
        let nameSpace = min(series.map { Layout.textWidth($0.name) }.max() ?? 0, width * 0.3)
        let plot = LinePlot(
            values: values, n: n, scale: scale, left: Layout.margin + Layout.tickLabelWidth(scale, format: valueFormat) + 8,
            right: width - Layout.margin - (series.isEmpty ? 0 : nameSpace + lineKeyWidth + 14),
            top: top, bottom: height - Layout.margin - 22 - (xAxisLabel == nil ? 0 : 20))
        Layout.valueAxisVertical(scale, format: valueFormat, left: plot.left, right: plot.right, top: plot.top,
                                 bottom: plot.bottom, into: &canvas)
        canvas.line(plot.left, plot.bottom, plot.right, plot.bottom, stroke: Style.axis)

        drawXLabels(xLabels, axisLabel: xAxisLabel, plot: plot, into: &canvas)
        let ends = drawLines(plot, colours: colours, markers: markers, into: &canvas)
        drawDirectLabels(ends, names: series.map(\.name), colours: colours, markers: markers, nameSpace: nameSpace,
                         plot: plot, into: &canvas)
        if all.isEmpty { Layout.noData(x: (plot.left + plot.right) / 2, y: (plot.top + plot.bottom) / 2, into: &canvas) }
        let summary = lineSummary(names: series.map(\.name), values: values, xLabels: xLabels, format: valueFormat)
        return canvas.document(title: title, description: joined(description, summary))
    }

    /// The width of the sample of a line before its direct label.
    private static let lineKeyWidth = 26.0

    /// A line chart's plot area, and where each value falls in it.
    private struct LinePlot {
        /// `values[s][i]`: series `s` at x position `i`, nil where missing.
        let values: [[Double?]]
        /// The number of x positions.
        let n: Int
        let scale: NiceScale
        let left: Double
        let right: Double
        let top: Double
        let bottom: Double

        /// The distance between neighbouring x positions (0 when there is only one).
        var spacing: Double { n > 1 ? (right - left) / Double(n - 1) : 0 }
        func x(_ i: Int) -> Double { n > 1 ? left + Double(i) * spacing : (left + right) / 2 }
        func y(_ v: Double) -> Double { scale.position(v, from: bottom, to: top) }
    }

    /// Tick marks and the x labels that fit without overlapping, and the x-axis label.
    private static func drawXLabels(_ xLabels: [String], axisLabel: String?, plot: LinePlot, into canvas: inout Canvas) {
        let widest = xLabels.map { Layout.textWidth($0) }.max() ?? 0
        for i in Layout.thinned(count: plot.n, spacing: plot.n > 1 ? plot.spacing : plot.right - plot.left, labelWidth: widest) {
            canvas.line(plot.x(i), plot.bottom, plot.x(i), plot.bottom + 4, stroke: Style.axis)
            canvas.text(Layout.truncate(xLabels[i], width: max(plot.spacing, 40)), x: plot.x(i), y: plot.bottom + 17,
                        anchor: "middle", fill: Style.muted)
        }
        if let axisLabel {
            canvas.text(Layout.truncate(axisLabel, width: plot.right - plot.left), x: (plot.left + plot.right) / 2,
                        y: plot.bottom + 38, size: Style.labelSize, anchor: "middle")
        }
    }

    /// Each series as a line broken where values are missing, with a marker at every value (`markers`) or
    /// only at values with no neighbours.
    /// - Returns: Where each series' line ends (its last value), for its direct label.
    private static func drawLines(_ plot: LinePlot, colours: [Colour], markers: Bool,
                                  into canvas: inout Canvas) -> [(series: Int, index: Int, y: Double)] {
        var ends: [(series: Int, index: Int, y: Double)] = []
        for (s, values) in plot.values.enumerated() {
            let colour = colours[s].hex
            let segments = presentRuns(values)
            canvas.open("g", [("fill", "none"), ("stroke", colour), ("stroke-width", "2.5"),
                              ("stroke-linejoin", "round"), ("stroke-linecap", "round")]
                        + (Style.dash(s).map { [("stroke-dasharray", $0)] } ?? []))
            canvas.raw("\n")
            for segment in segments where segment.count > 1 {
                let d = segment.enumerated().map { (j, i) in
                    (j == 0 ? "M" : "L") + Canvas.num(plot.x(i)) + " " + Canvas.num(plot.y(values[i]!))
                }.joined()
                canvas.element("path", [("d", d)])
            }
            canvas.close("g")
            for segment in segments {
                let points = markers ? segment : (segment.count == 1 ? segment : [])
                for i in points {
                    canvas.element("path", [("d", Style.markerPath(Style.shape(s), x: plot.x(i), y: plot.y(values[i]!), r: 3.6)),
                                            ("fill", colour), ("stroke", "#ffffff"), ("stroke-width", "1")])
                }
            }
            if let last = segments.last?.last { ends.append((s, last, plot.y(values[last]!))) }
        }
        return ends
    }

    /// The runs of consecutive positions that have a value.
    private static func presentRuns(_ values: [Double?]) -> [[Int]] {
        var segments: [[Int]] = []
        var current: [Int] = []
        for i in values.indices {
            if values[i] != nil { current.append(i) } else if !current.isEmpty { segments.append(current); current = [] }
        }
        if !current.isEmpty { segments.append(current) }
        return segments
    }

    /// Each series' name at the right-hand end of its line, spread so that names do not overlap, after a sample
    /// of the line; a leader joins a name to its line where the two are apart.
    private static func drawDirectLabels(_ ends: [(series: Int, index: Int, y: Double)], names: [String], colours: [Colour],
                                         markers: Bool, nameSpace: Double, plot: LinePlot, into canvas: inout Canvas) {
        let placed = spread(ends.map(\.y), gap: 15, low: plot.top + 6, high: plot.bottom)
        for (k, end) in ends.enumerated() {
            let s = end.series
            let labelY = placed[k]
            let keyX = plot.right + 8
            if end.index < plot.n - 1 || abs(labelY - end.y) > 2 {
                canvas.line(plot.x(end.index) + 4, end.y, keyX - 2, labelY, stroke: Style.muted, width: 0.8)
            }
            Layout.drawKey(.line(stroke: colours[s].hex, dash: Style.dash(s), shape: markers ? Style.shape(s) : nil),
                           x: keyX, y: labelY - 6, into: &canvas)
            let name = Layout.truncate(names[s], width: nameSpace)
            canvas.text(name, x: keyX + lineKeyWidth + 6, y: labelY + 4, fill: colours[s].textHex)
        }
    }

    /// The text alternative: each series' first, last, lowest and highest values, and how many are missing.
    private static func lineSummary(names: [String], values: [[Double?]], xLabels: [String], format: ValueFormat) -> [String] {
        let n = xLabels.count
        var summary: [String] = []
        for (s, name) in names.enumerated() {
            let present = values[s].enumerated().compactMap { i, v in v.map { (i, $0) } }
            guard let first = present.first, let last = present.last,
                  let lowest = present.min(by: { $0.1 < $1.1 }), let highest = present.max(by: { $0.1 < $1.1 })
            else { summary.append(name + ": no data."); continue }
            var sentence = name + ": " + format.string(first.1) + " at " + xLabels[first.0] + ", "
                + format.string(last.1) + " at " + xLabels[last.0] + "; lowest " + format.string(lowest.1)
                + " at " + xLabels[lowest.0] + ", highest " + format.string(highest.1) + " at " + xLabels[highest.0]
            if present.count < n { sentence += "; " + Format.grouped(n - present.count) + " missing" }
            summary.append(sentence + ".")
        }
        return summary
    }

    /// Positions near `wanted` (in any order) at least `gap` apart, within `low...high` when they fit.
    /// - Returns: One position per wanted position, in the same order.
    static func spread(_ wanted: [Double], gap: Double, low: Double, high: Double) -> [Double] {
        let order = wanted.indices.sorted { wanted[$0] != wanted[$1] ? wanted[$0] < wanted[$1] : $0 < $1 }
        var placed = order.map { min(max(wanted[$0], low), high) }
        for k in placed.indices.dropFirst() where placed[k] < placed[k - 1] + gap { placed[k] = placed[k - 1] + gap }
        if let last = placed.last, last > high {
            placed[placed.count - 1] = high
            for k in placed.indices.dropLast().reversed() where placed[k] > placed[k + 1] - gap {
                placed[k] = placed[k + 1] - gap
            }
        }
        var result = [Double](repeating: 0, count: wanted.count)
        for (k, index) in order.enumerated() { result[index] = placed[k] }
        return result
    }
}
