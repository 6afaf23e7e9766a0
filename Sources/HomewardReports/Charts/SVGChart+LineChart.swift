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
        func value(_ s: Int, _ i: Int) -> Double? {
            let values = series[s].values
            guard i < values.count, i < n, let v = values[i], v.isFinite else { return nil }
            return v
        }
        let all = series.indices.flatMap { s in (0..<n).compactMap { value(s, $0) } }
        let low = includesZero ? min(0, all.min() ?? 0) : (all.min() ?? 0)
        let high = includesZero ? max(0, all.max() ?? 0) : (all.max() ?? 0)
        let scale = NiceScale(covering: low, high, maxTicks: 6)
        let colours = series.indices.map { Style.lineColour($0, override: series[$0].colour) }

        var canvas = Canvas(width: width, height: height)
        var top = Layout.header(title, shows: showsTitle, width: width, into: &canvas)
        canvas.text(Layout.truncate(yAxisLabel, width: width - 2 * Layout.margin), x: Layout.margin, y: top + 11)
        top += 24

        // MARK: Geometry
        let keyWidth = 26.0
        let nameSpace = min(series.map { Layout.textWidth($0.name) }.max() ?? 0, width * 0.3)
        let left = Layout.margin + Layout.tickLabelWidth(scale, format: valueFormat) + 8
        let right = width - Layout.margin - (series.isEmpty ? 0 : nameSpace + keyWidth + 14)
        let bottom = height - Layout.margin - 22 - (xAxisLabel == nil ? 0 : 20)
        let spacing = n > 1 ? (right - left) / Double(n - 1) : 0
        func x(_ i: Int) -> Double { n > 1 ? left + Double(i) * spacing : (left + right) / 2 }
        func y(_ v: Double) -> Double { scale.position(v, from: bottom, to: top) }

        Layout.valueAxisVertical(scale, format: valueFormat, left: left, right: right, top: top, bottom: bottom,
                                 into: &canvas)
        canvas.line(left, bottom, right, bottom, stroke: Style.axis)

        // MARK: X labels
        let widest = xLabels.map { Layout.textWidth($0) }.max() ?? 0
        for i in Layout.thinned(count: n, spacing: n > 1 ? spacing : right - left, labelWidth: widest) {
            canvas.line(x(i), bottom, x(i), bottom + 4, stroke: Style.axis)
            canvas.text(Layout.truncate(xLabels[i], width: max(spacing, 40)), x: x(i), y: bottom + 17,
                        anchor: "middle", fill: Style.muted)
        }
        if let xAxisLabel {
            canvas.text(Layout.truncate(xAxisLabel, width: right - left), x: (left + right) / 2, y: bottom + 38,
                        size: Style.labelSize, anchor: "middle")
        }

        // MARK: Lines
        var ends: [(series: Int, index: Int, y: Double)] = []
        for s in series.indices {
            let colour = colours[s].hex
            var segments: [[Int]] = []
            var current: [Int] = []
            for i in 0..<n {
                if value(s, i) != nil { current.append(i) } else if !current.isEmpty { segments.append(current); current = [] }
            }
            if !current.isEmpty { segments.append(current) }
            canvas.open("g", [("fill", "none"), ("stroke", colour), ("stroke-width", "2.5"),
                              ("stroke-linejoin", "round"), ("stroke-linecap", "round")]
                        + (Style.dash(s).map { [("stroke-dasharray", $0)] } ?? []))
            canvas.raw("\n")
            for segment in segments where segment.count > 1 {
                let d = segment.enumerated().map { (j, i) in
                    (j == 0 ? "M" : "L") + Canvas.num(x(i)) + " " + Canvas.num(y(value(s, i)!))
                }.joined()
                canvas.element("path", [("d", d)])
            }
            canvas.close("g")
            for segment in segments {
                let points = markers ? segment : (segment.count == 1 ? segment : [])
                for i in points {
                    canvas.element("path", [("d", Style.markerPath(Style.shape(s), x: x(i), y: y(value(s, i)!), r: 3.6)),
                                            ("fill", colour), ("stroke", "#ffffff"), ("stroke-width", "1")])
                }
            }
            if let last = segments.last?.last { ends.append((s, last, y(value(s, last)!))) }
        }

        // MARK: Direct labels
        let placed = spread(ends.map(\.y), gap: 15, low: top + 6, high: bottom)
        for (k, end) in ends.enumerated() {
            let s = end.series
            let labelY = placed[k]
            let keyX = right + 8
            if end.index < n - 1 || abs(labelY - end.y) > 2 {
                canvas.line(x(end.index) + 4, end.y, keyX - 2, labelY, stroke: Style.muted, width: 0.8)
            }
            Layout.drawKey(.line(stroke: colours[s].hex, dash: Style.dash(s), shape: markers ? Style.shape(s) : nil),
                           x: keyX, y: labelY - 6, into: &canvas)
            let name = Layout.truncate(series[s].name, width: nameSpace)
            canvas.text(name, x: keyX + keyWidth + 6, y: labelY + 4, fill: colours[s].textHex)
        }
        if all.isEmpty { Layout.noData(x: (left + right) / 2, y: (top + bottom) / 2, into: &canvas) }

        // MARK: Text alternative
        var summary: [String] = []
        for s in series.indices {
            let present = (0..<n).compactMap { i in value(s, i).map { (i, $0) } }
            guard let first = present.first, let last = present.last,
                  let lowest = present.min(by: { $0.1 < $1.1 }), let highest = present.max(by: { $0.1 < $1.1 })
            else { summary.append(series[s].name + ": no data."); continue }
            var sentence = series[s].name + ": " + valueFormat.string(first.1) + " at " + xLabels[first.0] + ", "
                + valueFormat.string(last.1) + " at " + xLabels[last.0] + "; lowest " + valueFormat.string(lowest.1)
                + " at " + xLabels[lowest.0] + ", highest " + valueFormat.string(highest.1) + " at " + xLabels[highest.0]
            if present.count < n { sentence += "; " + Format.grouped(n - present.count) + " missing" }
            summary.append(sentence + ".")
        }
        return canvas.document(title: title, description: joined(description, summary))
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
