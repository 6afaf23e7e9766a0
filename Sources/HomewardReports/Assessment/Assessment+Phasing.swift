import HomewardCore

extension Assessment {
    /// How the change would happen, week by week: a weekly simulation over the change's window with the changes
    /// at their dates, beside the same weeks without the changes (same seed, same arrivals and releases), so
    /// that the difference in transfers is what the change causes (issue #22, item 2).
    public struct Phasing: Sendable {
        /// The two simulations the section is computed from.
        public struct Input: Sendable {
            public var withChange: [WeeklySimulation.Week]
            public var withoutChange: [WeeklySimulation.Week]
            public var runDownWeeks: Int
            public var movesLimit: Int?

            public init(withChange: [WeeklySimulation.Week], withoutChange: [WeeklySimulation.Week], runDownWeeks: Int, movesLimit: Int?) {
                self.withChange = withChange
                self.withoutChange = withoutChange
                self.runDownWeeks = runDownWeeks
                self.movesLimit = movesLimit
            }
        }

        public struct Week: Sendable {
            public var date: String
            /// People held at each changed establishment at the end of the week.
            public var held: [(code: String, people: Disclosure.Count)]
            public var transfers: Disclosure.Count
            public var transfersWithout: Disclosure.Count
            /// Transfers with the change less transfers without it (nil if either is suppressed).
            public var caused: Int?
            /// People moved out of a changed establishment: within a year of release, and the rest.
            public var leavingNearRelease: Disclosure.Count
            public var leavingOther: Disclosure.Count
            public var unplaced: Disclosure.Count
        }

        public var weeks: [Week]
        public var runDownWeeks: Int
        public var movesLimit: Int?
        /// The total of ``Week/caused`` over the weeks shown.
        public var causedTotal: Int?
    }

    /// The seed of the week-by-week simulations' arrivals and releases.
    public static let phasingSeed: UInt64 = 1

    /// The phasing figures from the two simulations.
    static func phasing(_ input: Phasing.Input, disclosure d: Disclosure) -> Phasing {
        let near = [Stage.preRelease, .resettlement].map { Stage.allCases.firstIndex(of: $0)! }
        let weeks = zip(input.withChange, input.withoutChange).map { w, o -> Phasing.Week in
            let nearRelease = near.map { w.leavingByStage.indices.contains($0) ? w.leavingByStage[$0] : 0 }.reduce(0, +)
            let leaving = w.leavingByStage.reduce(0, +)
            let split = d.table([nearRelease, leaving - nearRelease])
            let transfers = d.count(w.moves), without = d.count(o.moves)
            return Phasing.Week(
                date: w.date ?? "week \(w.week)", held: w.held.map { ($0.code.rawValue, d.count($0.people)) },
                transfers: transfers, transfersWithout: without,
                caused: transfers.value != nil && without.value != nil ? w.moves - o.moves : nil,
                leavingNearRelease: split[0], leavingOther: split[1], unplaced: d.count(w.unplaced))
        }
        let caused = weeks.compactMap(\.caused)
        return Phasing(weeks: weeks, runDownWeeks: input.runDownWeeks, movesLimit: input.movesLimit,
                       causedTotal: caused.count == weeks.count ? caused.reduce(0, +) : nil)
    }

    /// The chart of transfers a week, with and without the change.
    static func phasingChart(_ p: Phasing) -> String {
        SVGChart.lineChart(
            title: "Transfers a week, with and without the change",
            description: "Transfers each week in a simulation with the changes at their dates and in the same weeks without them; the gap is what the change causes.",
            xLabels: p.weeks.map { Assessment.shortDate($0.date) },
            series: [.init(name: "With the change", values: p.weeks.map { $0.transfers.value.map(Double.init) }),
                     .init(name: "Without the change", values: p.weeks.map { $0.transfersWithout.value.map(Double.init) })],
            xAxisLabel: "Week starting", yAxisLabel: "Transfers", markers: true)
    }

    /// "2027-10-01" as "1 Oct".
    static func shortDate(_ iso: String) -> String {
        let long = longDate(iso).split(separator: " ")
        guard long.count == 3 else { return iso }
        return "\(long[0]) \(long[1].prefix(3))"
    }
}
