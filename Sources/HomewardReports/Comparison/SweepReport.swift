import HomewardCore

/// The ranked results of a sweep, for CSV, JSON, HTML and Markdown.
public struct SweepReport: Sendable {
    public struct Row: Sendable, Equatable {
        public var rank: Int
        public var code: String
        public var name: String
        public var label: String
        public var outcome: Sweep.Outcome
        public var changeMeanMiles: Double
        public var changeWithin50: Double
        public var changeUnplaced: Int
        public var changeObjective: Double
    }

    /// What a sweep is about, apart from its outcomes: enough to write its report without the sweep itself
    /// (as `homeward sweep merge` does from its shards' manifests).
    public struct Subject: Sendable, Equatable, Codable {
        /// One scenario as the report names it.
        public struct Item: Sendable, Equatable, Codable {
            public var code: String
            public var name: String
            public var label: String
        }

        /// As `--change` states it: close, close-pairs, rerole, capacity+N.
        public var change: String
        /// The establishments the change was limited to (`--among`), or nil for all.
        public var among: [String]?
        public var scenarioName: String
        public var synthetic: Bool
        public var people: Int
        /// The estate as it is.
        public var base: Sweep.Outcome
        /// Every scenario of the sweep (not only those that ran), in case order.
        public var cases: [Item]

        public init(sweep: Sweep, scenarioName: String, synthetic: Bool) {
            change = sweep.change.description
            among = sweep.among?.map(\.rawValue)
            self.scenarioName = scenarioName
            self.synthetic = synthetic
            people = sweep.population.count
            base = sweep.baseOutcome
            cases = sweep.cases.map { Item(code: $0.code, name: $0.name, label: $0.label) }
        }

        /// The same subject with the base's time left out, which differs from one run to the next.
        public var withoutTiming: Subject {
            var copy = self
            copy.base.seconds = 0
            return copy
        }
    }

    public var change: String
    public var among: [String]?
    public var scenarioName: String
    public var base: Sweep.Outcome
    public var rows: [Row]
    public var total: Int
    public var complete: Bool
    public var synthetic: Bool
    public var people: Int
    public var threads: Int
    public var seconds: Double?

    /// Ranks the finished scenarios of `sweep` (see ``init(subject:outcomes:threads:seconds:)``).
    public init(sweep: Sweep, outcomes: [Sweep.Outcome], scenarioName: String, synthetic: Bool, threads: Int, seconds: Double?) {
        self.init(subject: Subject(sweep: sweep, scenarioName: scenarioName, synthetic: synthetic),
                  outcomes: outcomes, threads: threads, seconds: seconds)
    }

    /// Ranks the finished scenarios: fewest people not placed first, then the largest fall in mean
    /// distance from home, then the largest rise in the share within 50 miles, then by code.
    /// - Parameter outcomes: each names its scenario by its index in `subject.cases`.
    public init(subject: Subject, outcomes: [Sweep.Outcome], threads: Int, seconds: Double?) {
        change = subject.change
        among = subject.among
        scenarioName = subject.scenarioName
        base = subject.base
        total = subject.cases.count
        complete = outcomes.count == subject.cases.count
        synthetic = subject.synthetic
        people = subject.people
        self.threads = threads
        self.seconds = seconds
        let base = subject.base
        var rows = outcomes.map { o in
            Row(rank: 0, code: subject.cases[o.caseIndex].code, name: subject.cases[o.caseIndex].name,
                label: subject.cases[o.caseIndex].label, outcome: o, changeMeanMiles: o.meanMiles - base.meanMiles,
                changeWithin50: o.within50 - base.within50, changeUnplaced: o.unplaced - base.unplaced,
                changeObjective: Double(o.objective - base.objective) / 100)
        }
        rows.sort { a, b in
            if a.changeUnplaced != b.changeUnplaced { return a.changeUnplaced < b.changeUnplaced }
            let ma = (a.changeMeanMiles * 1000).rounded(), mb = (b.changeMeanMiles * 1000).rounded()
            if ma != mb { return ma < mb }
            let wa = (a.changeWithin50 * 1e6).rounded(), wb = (b.changeWithin50 * 1e6).rounded()
            if wa != wb { return wa > wb }
            return (a.code, a.label) < (b.code, b.label)
        }
        for k in rows.indices { rows[k].rank = k + 1 }
        self.rows = rows
    }

    public func csv(timing: Bool = true) -> String {
        var header = ["rank", "establishment", "name", "change", "objective", "change_objective", "unplaced", "change_unplaced",
                      "mean_miles", "change_mean_miles", "within_50_miles", "change_within_50_miles", "in_home_region", "moves",
                      "warm_start", "pivots"]
        if timing { header.append("seconds") }
        var out = header.joined(separator: ",") + "\n"
        for r in rows {
            var fields = ["\(r.rank)", r.code, r.name, r.label, Format.fixed(Double(r.outcome.objective) / 100, 2),
                          Format.fixed(r.changeObjective, 2), "\(r.outcome.unplaced)", "\(r.changeUnplaced)",
                          Format.fixed(r.outcome.meanMiles, 3), Format.fixed(r.changeMeanMiles, 3),
                          Format.fixed(r.outcome.within50, 5), Format.fixed(r.changeWithin50, 5),
                          Format.fixed(r.outcome.inHomeRegion, 5), "\(r.outcome.moves)", r.outcome.isWarm ? "true" : "false",
                          "\(r.outcome.pivots)"]
            if timing { fields.append(Format.fixed(r.outcome.seconds, 3)) }
            out += fields.map(csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    public func json(timing: Bool = true) -> JSON {
        var top: [(String, JSON)] = [("change", .string(change))]
        if let among { top.append(("among", .array(among.map { .string($0) }))) }
        top += [
            ("scenario", .string(scenarioName)), ("complete", .bool(complete)),
            ("scenarios_total", .int(total)), ("scenarios_finished", .int(rows.count)), ("people", .int(people)),
            ("synthetic_population", .bool(synthetic)),
            ("base", .object([("objective", .num(Double(base.objective) / 100, 2)), ("unplaced", .int(base.unplaced)),
                              ("mean_miles", .num(base.meanMiles, 3)), ("within_50_miles", .num(base.within50, 5)),
                              ("in_home_region", .num(base.inHomeRegion, 5))])),
            ("ranking", .string("fewest not placed, then largest fall in mean miles from home, then largest rise in the share within 50 miles")),
        ]
        if timing {
            top.append(("threads", .int(threads)))
            top.append(("seconds", .num(seconds, 3)))
        }
        top.append(("results", .array(rows.map { r in
            var fields: [(String, JSON)] = [
                ("rank", .int(r.rank)), ("establishment", .string(r.code)), ("name", .string(r.name)), ("change", .string(r.label)),
                ("objective", .num(Double(r.outcome.objective) / 100, 2)), ("change_objective", .num(r.changeObjective, 2)),
                ("unplaced", .int(r.outcome.unplaced)), ("change_unplaced", .int(r.changeUnplaced)),
                ("mean_miles", .num(r.outcome.meanMiles, 3)), ("change_mean_miles", .num(r.changeMeanMiles, 3)),
                ("within_50_miles", .num(r.outcome.within50, 5)), ("change_within_50_miles", .num(r.changeWithin50, 5)),
                ("moves", .int(r.outcome.moves)), ("warm_start", .bool(r.outcome.isWarm)),
            ]
            if timing { fields.append(("seconds", .num(r.outcome.seconds, 3))) }
            return .object(fields)
        })))
        return .object(top)
    }

    public func document() -> ReportDocument {
        let pairs = change == Sweep.Change.closePairs.description
        let scope = pairs ? "every pair of establishments" : "every establishment"
        var which = pairs ? "each pair of establishments in turn" : "each establishment in turn"
        if let among {
            let named = among.count > 1 ? among.dropLast().joined(separator: ", ") + " and " + among.last! : among.joined()
            which = pairs ? "each pair of establishments among \(named) in turn" : "each of \(named) in turn"
        }
        var doc = ReportDocument(
            title: pairs ? "Sweep: close \(scope)" : "Sweep: \(change) at \(scope)",
            subtitle: "\(scenarioName): \(which), with the same \(Format.grouped(people)) people and policy; every scenario allocated optimally.",
            banner: synthetic ? "Illustrative: the people are synthetic, generated from published figures, because prisoner-level data are not public." : nil)
        if !complete {
            doc.add(.note("Interrupted: \(rows.count) of \(total) scenarios finished; only those are shown."))
        }
        doc.add(.paragraph("The estate as it is: mean \(Format.fixed(base.meanMiles, 1)) miles from home, \(Format.percent(base.within50, 1)) within 50 miles, \(Format.grouped(base.unplaced)) not placed. Scenarios are ranked by the people left without a place (fewest first), then by the fall in mean distance from home, then by the rise in the share held within 50 miles."))
        let top = Array(rows.prefix(20))
        if !top.isEmpty {
            doc.add(.figure(svg: SVGChart.barChart(
                title: "Change in mean miles from home: the 20 best-ranked scenarios",
                description: "Change in the mean distance from home, in miles, for the 20 best-ranked scenarios (negative is closer).",
                categories: top.map { "\($0.name) (\($0.label))" },
                series: [.init(name: "Change in mean miles", values: top.map { $0.changeMeanMiles })],
                valueFormat: .number(decimals: 2, suffix: " mi")),
                            caption: "Negative values bring people closer to home on average."))
        }
        doc.add(.table(.init(
            caption: "Every scenario, ranked", header: ["Rank", "Establishment", "Change", "Not placed (change)", "Mean miles (change)", "Within 50 miles (change)"],
            rows: rows.map { r in
                ["\(r.rank)", "\(r.name) [\(r.code)]", r.label, "\(Format.grouped(r.outcome.unplaced)) (\(SweepReport.signed(Double(r.changeUnplaced), 0)))",
                 "\(Format.fixed(r.outcome.meanMiles, 1)) (\(SweepReport.signed(r.changeMeanMiles, 2)))",
                 "\(Format.percent(r.outcome.within50, 1)) (\(SweepReport.signed(r.changeWithin50 * 100, 2)) pts)"]
            },
            numeric: [true, false, false, true, true, true])))
        return doc
    }

    static func signed(_ value: Double, _ decimals: Int) -> String {
        let text = Format.fixed(abs(value), decimals)
        if text == Format.fixed(0, decimals) { return text }
        return (value < 0 ? "−" : "+") + text
    }
}
