import HomewardCore

// MARK: - Samples

extension SVGChart {
    /// A named sample of raw values (e.g. miles from home), binned by the histogram.
    public struct Sample: Sendable, Equatable {
        /// The name shown in the legend.
        public var name: String
        /// The raw values; NaN values are ignored.
        public var values: [Double]
        /// A colour to use instead of the palette's colour for this sample's position.
        public var colour: Colour?

        /// Creates a sample.
        /// - Parameters:
        ///   - name: The name shown in the legend.
        ///   - values: The raw values; NaN values are ignored.
        ///   - colour: A colour to use instead of the palette's colour for this sample's position.
        /// - Returns: The sample.
        public init(name: String, values: [Double], colour: Colour? = nil) {
            self.name = name
            self.values = values
            self.colour = colour
        }
    }
}

// MARK: - Histogram bins

extension SVGChart {
    /// Counts of values in bins of equal width from zero up to a cap, plus a final "over cap" bin.
    ///
    /// Bins are closed on the right, as distance bands are read: the first bin holds values up to
    /// and including `binWidth` (and anything below zero), the next holds values over `binWidth`
    /// up to and including twice that, and so on up to `cap`; values over `cap` (including
    /// infinity) go in the last bin. If `cap` is not a multiple of `binWidth` the last regular bin
    /// is narrower. NaN values are counted in `ignored` and nowhere else.
    public struct HistogramBins: Sendable, Equatable {
        /// The width of each regular bin.
        public let binWidth: Double
        /// The upper edge of the last regular bin.
        public let cap: Double
        /// The bin edges from 0 to `cap`; regular bin `i` runs from `edges[i]` to `edges[i + 1]`.
        public let edges: [Double]
        /// The count in each regular bin, then the count over `cap` (`edges.count` entries in all).
        public let counts: [Int]
        /// The number of NaN values left out.
        public let ignored: Int

        /// The number of values binned (excluding ignored ones).
        public var total: Int { counts.reduce(0, +) }

        /// The number of regular bins (excluding the "over cap" bin).
        public var regularBinCount: Int { edges.count - 1 }

        /// Bins `values`.
        /// - Precondition: `binWidth` and `cap` are finite and positive, with at most 500 bins.
        /// - Parameters:
        ///   - values: The raw values.
        ///   - binWidth: The width of each bin, e.g. 25 (miles).
        ///   - cap: The upper edge of the last regular bin, e.g. 200; larger values go in "over 200".
        /// - Returns: The bins.
        public init(values: [Double], binWidth: Double, cap: Double) {
            precondition(binWidth.isFinite && binWidth > 0, "bin width must be positive")
            precondition(cap.isFinite && cap > 0, "cap must be positive")
            let regular = max(1, Int((cap / binWidth - 1e-9).rounded(.up)))
            precondition(regular <= 500, "at most 500 bins")
            var edges = (0..<regular).map { Double($0) * binWidth }
            edges.append(cap)
            var counts = [Int](repeating: 0, count: regular + 1)
            var ignored = 0
            for value in values {
                if let bin = HistogramBins.bin(of: value, binWidth: binWidth, cap: cap) {
                    counts[bin] += 1
                } else {
                    ignored += 1
                }
            }
            self.binWidth = binWidth
            self.cap = cap
            self.edges = edges
            self.counts = counts
            self.ignored = ignored
        }

        /// The bin that holds `value`: bins are (lower, upper], the first also holds 0 and below, and
        /// the last (index = number of regular bins) holds everything above `cap`; nil for NaN.
        public static func bin(of value: Double, binWidth: Double, cap: Double) -> Int? {
            let regular = max(1, Int((cap / binWidth - 1e-9).rounded(.up)))
            if value.isNaN { return nil }
            if value > cap { return regular }
            if value <= binWidth { return 0 }
            let index = Int((value / binWidth - 1e-9).rounded(.up)) - 1
            return min(max(index, 0), regular - 1)
        }

        /// A label for each bin, e.g. `["0–25", "25–50", "over 50"]`.
        /// - Parameters:
        ///   - format: How the edges are written (default: whole numbers).
        /// - Returns: One label per entry of `counts`.
        public func labels(format: ValueFormat = .number()) -> [String] {
            var labels: [String] = []
            for i in 0..<regularBinCount {
                labels.append(format.string(edges[i]) + "–" + format.string(edges[i + 1]))
            }
            labels.append("over " + format.string(cap))
            return labels
        }

        /// Each count as a share of `total` (all zero when there are no values).
        public var shares: [Double] {
            let total = self.total
            return counts.map { total > 0 ? Double($0) / Double(total) : 0 }
        }
    }
}
