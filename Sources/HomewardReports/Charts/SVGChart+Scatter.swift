import HomewardCore

// MARK: - Scatter chart

extension SVGChart {
    /// One point of a scatter chart.
    public struct ScatterPoint: Sendable, Equatable {
        public var x: Double
        public var y: Double
        /// A label drawn beside the point, if any (keep these few).
        public var label: String?
        /// Which of the two marker groups the point belongs to (0 or 1).
        public var group: Int

        public init(x: Double, y: Double, label: String? = nil, group: Int = 0) {
            self.x = x
            self.y = y
            self.label = label
            self.group = group
        }
    }

    /// A scatter chart of `points` on equal axes from zero, with the line y = x: points on the
    /// line agree. Groups are told apart by colour and marker shape, named in a legend.
    /// - Parameters:
    ///   - title: The chart's accessible name, drawn at the top.
    ///   - description: A sentence or two for screen readers; a summary of the data is appended.
    ///   - points: The points.
    ///   - groups: The names of the marker groups, in order (one or two).
    ///   - xAxisLabel: The label under the x axis.
    ///   - yAxisLabel: The label above the y axis.
    ///   - valueFormat: How values are written on the axes.
    ///   - width: The nominal width in px.
    ///   - height: The nominal height in px.
    /// - Returns: A complete `<svg>` element.
    public static func scatterChart(
        title: String, description: String, points: [ScatterPoint], groups: [String], xAxisLabel: String,
        yAxisLabel: String, valueFormat: ValueFormat = .number(), width: Double = 560, height: Double = 520
    ) -> String {
        let finite = points.filter { $0.x.isFinite && $0.y.isFinite }
        let high = max(finite.map { max($0.x, $0.y) }.max() ?? 0, 0)
        let scale = NiceScale(covering: 0, high, maxTicks: 6)
        var canvas = Canvas(width: width, height: height)
        var top = Layout.header(title, shows: true, width: width, into: &canvas)
        canvas.text(Layout.truncate(yAxisLabel, width: width - 2 * Layout.margin), x: Layout.margin, y: top + 11)
        top += 24
        let keys = groups.indices.map { (key: Layout.Key.marker(shape: Style.shape($0), fill: Style.lineColour($0).hex, stroke: "#ffffff"),
                                          label: groups[$0]) }
        let legendHeight = Layout.legend(keys, x: Layout.margin, y: height - Layout.margin - 16, maxWidth: width - 2 * Layout.margin,
                                         into: &canvas)
        let left = Layout.margin + Layout.tickLabelWidth(scale, format: valueFormat) + 8
        let bottom = height - Layout.margin - legendHeight - 44
        let side = min(width - Layout.margin - left, bottom - top)
        let right = left + side
        let plotTop = bottom - side
        Layout.valueAxisVertical(scale, format: valueFormat, left: left, right: right, top: plotTop, bottom: bottom, into: &canvas)
        Layout.valueAxisHorizontal(scale, format: valueFormat, left: left, right: right, top: plotTop, bottom: bottom, into: &canvas)
        canvas.text(Layout.truncate(xAxisLabel, width: side), x: (left + right) / 2, y: bottom + 36, size: Style.labelSize,
                    anchor: "middle")
        canvas.line(left, bottom, right, plotTop, stroke: Style.muted, width: 1, extra: [("stroke-dasharray", "5 4")])
        canvas.text("agree", x: right - 4, y: plotTop + 14, anchor: "end", fill: Style.muted)
        func x(_ v: Double) -> Double { scale.position(v, from: left, to: right) }
        func y(_ v: Double) -> Double { scale.position(v, from: bottom, to: plotTop) }
        for point in finite {
            let colour = Style.lineColour(point.group).hex
            canvas.element("path", [("d", Style.markerPath(Style.shape(point.group), x: x(point.x), y: y(point.y), r: 3.4)),
                                    ("fill", colour), ("fill-opacity", "0.8"), ("stroke", "#ffffff"), ("stroke-width", "0.8")])
        }
        // Labels spread apart vertically so that neighbours do not overlap; a leader joins a moved label.
        let labelled = finite.filter { $0.label != nil }
        let placed = spread(labelled.map { y($0.y) - 5 }, gap: 13, low: plotTop + 10, high: bottom - 4)
        for (point, labelY) in zip(labelled, placed) {
            if abs(labelY - (y(point.y) - 5)) > 2 {
                canvas.line(x(point.x) + 3, y(point.y), x(point.x) + 8, labelY - 4, stroke: Style.muted, width: 0.8)
            }
            canvas.haloText(point.label!, x: x(point.x) + 9, y: labelY, size: Style.smallSize)
        }
        if finite.isEmpty { Layout.noData(x: (left + right) / 2, y: (plotTop + bottom) / 2, into: &canvas) }
        let summary = "\(finite.count) points; the dashed line marks where the two values agree."
        return canvas.document(title: title, description: joined(description, [summary]))
    }
}
