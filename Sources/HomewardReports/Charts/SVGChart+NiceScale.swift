import HomewardCore

// MARK: - Nice scale

extension SVGChart {
    /// An axis range rounded out to "nice" tick values: steps of 1, 2 or 5 times a power of ten.
    public struct NiceScale: Sendable, Equatable {
        /// The first tick, at or below the smallest value covered.
        public let lower: Double
        /// The last tick, at or above the largest value covered.
        public let upper: Double
        /// The distance between ticks.
        public let step: Double
        /// The tick values from `lower` to `upper`, `step` apart.
        public let ticks: [Double]

        /// The nicest scale that covers `minimum...maximum` with at most `maxTicks` ticks.
        ///
        /// An empty or inverted range is widened to include zero (and one, if the value is zero),
        /// and non-finite bounds count as zero.
        /// - Parameters:
        ///   - minimum: The smallest value to cover.
        ///   - maximum: The largest value to cover.
        ///   - maxTicks: The most ticks wanted, at least 2 (the default is 6).
        ///   - integers: Whether ticks must be whole numbers (for counts of people).
        /// - Returns: The scale.
        public init(covering minimum: Double, _ maximum: Double, maxTicks: Int = 6, integers: Bool = false) {
            var low = minimum.isFinite ? min(max(minimum, -1e300), 1e300) : 0
            var high = maximum.isFinite ? min(max(maximum, -1e300), 1e300) : 0
            if low > high { swap(&low, &high) }
            if low == high {
                if low > 0 { low = 0 } else if high < 0 { high = 0 } else { high = 1 }
            }
            let intervals = max(1, maxTicks - 1)
            // Start from a power of ten below the rough step and walk up 1, 2, 5, 10, 20, ...
            var exponent = 0
            var probe = 1.0
            let rough = (high - low) / Double(intervals)
            while probe > rough { probe /= 10; exponent -= 1 }
            while probe * 10 <= rough { probe *= 10; exponent += 1 }
            let mantissas: [Double] = [1, 2, 5]
            var chosen = (mantissa: 1.0, exponent: exponent)
            search: while true {
                for mantissa in mantissas {
                    let step = NiceScale.value(mantissa, exponent)
                    if integers && step < 1 { continue }
                    let first = (low / step).rounded(.down), last = (high / step).rounded(.up)
                    if last - first <= Double(intervals) + 1e-9 {
                        chosen = (mantissa, exponent)
                        break search
                    }
                }
                exponent += 1
            }
            let step = NiceScale.value(chosen.mantissa, chosen.exponent)
            let first = Int((low / step).rounded(.down)), last = Int((high / step).rounded(.up))
            ticks = (first...last).map { NiceScale.value(Double($0) * chosen.mantissa, chosen.exponent) }
            self.step = step
            self.lower = ticks.first ?? low
            self.upper = ticks.last ?? high
        }

        /// `mantissa` × 10^`exponent`, dividing for negative exponents so that 0.3 is 3 / 10 exactly.
        private static func value(_ mantissa: Double, _ exponent: Int) -> Double {
            var scale = 1.0
            for _ in 0..<abs(exponent) { scale *= 10 }
            return exponent >= 0 ? mantissa * scale : mantissa / scale
        }

        /// The position of `value` on a line from `start` (at `lower`) to `end` (at `upper`).
        /// - Parameters:
        ///   - value: The value to place.
        ///   - start: The coordinate of `lower`.
        ///   - end: The coordinate of `upper`.
        /// - Returns: The coordinate of `value`.
        public func position(_ value: Double, from start: Double, to end: Double) -> Double {
            guard upper > lower else { return start }
            return start + (value - lower) / (upper - lower) * (end - start)
        }
    }
}
