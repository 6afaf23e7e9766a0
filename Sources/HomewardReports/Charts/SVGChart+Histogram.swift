import HomewardCore

// MARK: - Histogram

extension SVGChart {
    /// A histogram comparing one or more samples (e.g. miles from home before and after a change),
    /// with the samples' bars side by side in each bin and a final "over cap" bin set apart.
    ///
    /// Samples are told apart by colour and hatching (see the legend); each bar has a tooltip
    /// with its exact value, and `<desc>` lists every bin's count.
    /// - Precondition: `binWidth` and `cap` are finite and positive, with at most 500 bins.
    /// - Parameters:
    ///   - title: The chart's accessible name, also drawn at the top when `showsTitle` is true.
    ///   - description: A sentence or two for screen readers; a summary of the data is appended.
    ///   - samples: The raw values of each sample, in legend order.
    ///   - binWidth: The width of each bin, e.g. 25 (miles).
    ///   - cap: The upper edge of the last regular bin; larger values go in the "over cap" bin.
    ///   - xAxisLabel: The label under the bins, e.g. "Distance from home (miles)".
    ///   - yAxisLabel: The label above the value axis, e.g. "People" or "Share of people".
    ///   - shares: Whether to plot each sample's bins as shares of that sample (else counts).
    ///   - edgeFormat: How bin edges are written (default: whole numbers).
    ///   - showsTitle: Whether to draw the title inside the chart.
    ///   - width: The nominal width in px.
    ///   - height: The nominal height in px.
    /// - Returns: A complete `<svg>` element.
    public static func histogram(
        title: String, description: String, samples: [Sample], binWidth: Double, cap: Double,
        xAxisLabel: String, yAxisLabel: String, shares: Bool = false, edgeFormat: ValueFormat = .number(),
        showsTitle: Bool = true, width: Double = 640, height: Double = 360
    ) -> String {
        let bins = samples.map { HistogramBins(values: $0.values, binWidth: binWidth, cap: cap) }
        let regular = HistogramBins(values: [], binWidth: binWidth, cap: cap).regularBinCount
        let labels = HistogramBins(values: [], binWidth: binWidth, cap: cap).labels(format: edgeFormat)
        let colours = samples.indices.map { Style.barColour($0, override: samples[$0].colour) }
        let valueFormat: ValueFormat = shares ? .percent(decimals: 0) : .number()
        let values: [[Double]] = bins.map { shares ? $0.shares : $0.counts.map(Double.init) }
        let maximum = values.flatMap { $0 }.max() ?? 0
        let scale = NiceScale(covering: 0, maximum, maxTicks: 6, integers: !shares)

        var canvas = Canvas(width: width, height: height)
        Style.writePatterns(colours, into: &canvas)
        var top = Layout.header(title, shows: showsTitle, width: width, into: &canvas)

        // MARK: Legend and value-axis label
        let legendEntries = samples.indices.map {
            (key: Layout.Key.swatch(fill: Style.barFill($0, colour: colours[$0])), label: samples[$0].name)
        }
        top += Layout.legend(legendEntries, x: Layout.margin, y: top, maxWidth: width - 2 * Layout.margin,
                             into: &canvas)
        top += legendEntries.isEmpty ? 0 : 6
        canvas.text(Layout.truncate(yAxisLabel, width: width - 2 * Layout.margin), x: Layout.margin, y: top + 11)
        top += 24

        // MARK: Plot area
        let plot = HistogramPlot(scale: scale, regular: regular,
                                 left: Layout.margin + Layout.tickLabelWidth(scale, format: valueFormat) + 8,
                                 right: width - Layout.margin, top: top, bottom: height - Layout.margin - 40)
        Layout.valueAxisVertical(scale, format: valueFormat, left: plot.left, right: plot.right, top: plot.top,
                                 bottom: plot.bottom, into: &canvas)
        drawHistogramBars(samples, bins: bins, values: values, labels: labels, shares: shares, colours: colours,
                          plot: plot, into: &canvas)
        canvas.line(plot.left, plot.bottom, plot.right, plot.bottom, stroke: Style.axis)
        drawBinEdges(labels: labels, binWidth: binWidth, cap: cap, edgeFormat: edgeFormat, plot: plot, into: &canvas)
        canvas.text(Layout.truncate(xAxisLabel, width: plot.right - plot.left), x: (plot.left + plot.right) / 2,
                    y: plot.bottom + 36, size: Style.labelSize, anchor: "middle")
        if samples.allSatisfy({ $0.values.isEmpty }) {
            Layout.noData(x: (plot.left + plot.right) / 2, y: (plot.top + plot.bottom) / 2, into: &canvas)
        }

        let summary = histogramSummary(samples, bins: bins, labels: labels, shares: shares)
        return canvas.document(title: title, description: joined(description, summary))
    }

    /// A histogram's plot area: a slot per regular bin, then a gap of half a slot and the "over cap" slot.
    private struct HistogramPlot {
        let scale: NiceScale
        /// The number of regular bins (the "over cap" bin comes after them).
        let regular: Int
        let left: Double
        let right: Double
        let top: Double
        let bottom: Double

        /// The width of each bin's slot.
        var slot: Double { (right - left) / (Double(regular) + 1.5) }
        /// Where the "over cap" bin's slot starts.
        var overStart: Double { left + (Double(regular) + 0.5) * slot }
    }

    /// Each bin's bars, the samples side by side, each with a tooltip giving its exact value.
    private static func drawHistogramBars(_ samples: [Sample], bins: [HistogramBins], values: [[Double]], labels: [String],
                                          shares: Bool, colours: [Colour], plot: HistogramPlot, into canvas: inout Canvas) {
        let slot = plot.slot
        let inner = slot * 0.84
        let barWidth = samples.isEmpty ? 0 : inner / Double(samples.count)
        for bin in 0...plot.regular {
            let slotStart = bin < plot.regular ? plot.left + Double(bin) * slot : plot.overStart
            for (s, sample) in samples.enumerated() {
                let value = values[s][bin]
                guard value > 0 else { continue }
                let x = slotStart + (slot - inner) / 2 + Double(s) * barWidth
                let y = plot.scale.position(value, from: plot.bottom, to: plot.top)
                let count = bins[s].counts[bin]
                var tip = sample.name + ", " + labels[bin] + ": " + Format.grouped(count)
                if shares { tip += " (" + Format.percent(value, 1) + ")" }
                canvas.open("rect", [
                    ("x", Canvas.num(x)), ("y", Canvas.num(y)), ("width", Canvas.num(barWidth)),
                    ("height", Canvas.num(plot.bottom - y)), ("fill", Style.barFill(s, colour: colours[s])),
                    ("stroke", Style.outline), ("stroke-width", "0.6"),
                ])
                canvas.element("title", [], text: tip)
                canvas.close("rect")
            }
        }
    }

    /// A tick at every bin edge, the edge labels that fit without overlapping each other or the
    /// "over cap" label, and the "over cap" label under its bin.
    private static func drawBinEdges(labels: [String], binWidth: Double, cap: Double, edgeFormat: ValueFormat,
                                     plot: HistogramPlot, into canvas: inout Canvas) {
        let regular = plot.regular, left = plot.left, bottom = plot.bottom, slot = plot.slot
        let overLabel = labels[labels.count - 1]
        let edgeLabels = (0...regular).map { edgeFormat.string($0 < regular ? Double($0) * binWidth : cap) }
        let widest = edgeLabels.map { Layout.textWidth($0) }.max() ?? 0
        var shown = Layout.thinned(count: regular + 1, spacing: slot, labelWidth: widest)
        let overCentre = plot.overStart + slot / 2
        let overWidth = Layout.textWidth(overLabel)
        if let last = shown.last,
           left + Double(last) * slot + Layout.textWidth(edgeLabels[last]) / 2 + 6 > overCentre - overWidth / 2 {
            shown.removeLast()
        }
        for edge in 0...regular {
            let x = left + Double(edge) * slot
            canvas.line(x, bottom, x, bottom + 4, stroke: Style.axis)
        }
        for edge in shown {
            canvas.text(edgeLabels[edge], x: left + Double(edge) * slot, y: bottom + 17, anchor: "middle",
                        fill: Style.muted)
        }
        canvas.text(overLabel, x: min(overCentre, plot.right - overWidth / 2), y: bottom + 17, anchor: "middle",
                    fill: Style.muted)
    }

    /// The text alternative: every bin's count (and share) for each sample.
    private static func histogramSummary(_ samples: [Sample], bins: [HistogramBins], labels: [String], shares: Bool) -> [String] {
        var summary: [String] = []
        for (s, sample) in samples.enumerated() {
            let parts = labels.indices.map { bin in
                labels[bin] + ": " + Format.grouped(bins[s].counts[bin])
                    + (shares ? " (" + Format.percent(bins[s].shares[bin], 1) + ")" : "")
            }
            summary.append(sample.name + " (" + Format.grouped(bins[s].total) + " in all): " + parts.joined(separator: ", ") + ".")
        }
        return summary
    }

    /// The caller's description followed by the data summary sentences.
    static func joined(_ description: String, _ summary: [String]) -> String {
        ([description] + summary).filter { !$0.isEmpty }.joined(separator: " ")
    }
}
