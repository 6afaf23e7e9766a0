import HomewardCore

extension Assessment {
    /// How much the figures move with the synthetic population drawn (`assess --draws N`, issue #22, item 4):
    /// every headline figure as the central value (the scenario's own seed) with its lowest and highest over the
    /// draws, and whether any Family Test rating changes between draws.
    public struct Draws: Sendable {
        public struct Figure: Sendable {
            public var label: String
            public var central: String
            public var low: String
            public var high: String
        }

        /// The seeds of the populations, the scenario's own first.
        public var seeds: [UInt64]
        public var figures: [Figure]
        /// One line per Family Test question whose rating differs between draws (empty: none does).
        public var ratingChanges: [String]
    }

    /// The headline figures of `central` with their range over `central` and `others`.
    public static func draws(central: Assessment, others: [Assessment], seeds: [UInt64]) -> Draws {
        let all = [central] + others
        let d = central.disclosure
        func affectedMiles(_ a: Assessment) -> DistanceSummary? { a.proximity.first { $0.label == PersonGroup.affected.label }?.before }
        func affectedMilesAfter(_ a: Assessment) -> DistanceSummary? { a.proximity.first { $0.label == PersonGroup.affected.label }?.after }
        func everyoneAfter(_ a: Assessment) -> DistanceSummary? { a.proximity.first { $0.label == PersonGroup.everyone.label }?.after }
        func countFigure(_ label: String, _ value: (Assessment) -> Disclosure.Count) -> Draws.Figure {
            let values = all.map(value)
            let shown = values.compactMap(\.value)
            guard shown.count == values.count else {
                return .init(label: label, central: d.text(value(central)), low: "–", high: "–")
            }
            return .init(label: label, central: d.text(value(central)), low: Format.grouped(shown.min()!), high: Format.grouped(shown.max()!))
        }
        func numberFigure(_ label: String, _ format: (Double) -> String, _ value: (Assessment) -> Double?) -> Draws.Figure {
            let values = all.map(value)
            guard let c = values[0], values.allSatisfy({ $0 != nil }) else {
                return .init(label: label, central: values[0].map(format) ?? "–", low: "–", high: "–")
            }
            let v = values.map { $0! }
            return .init(label: label, central: format(c), low: format(v.min()!), high: format(v.max()!))
        }
        let miles = { (x: Double) in Format.fixed(x, 1) }
        let percent = { (x: Double) in Format.percent(x) }
        var figures = [
            countFigure("People held somewhere different (the effect of the change alone)") { $0.affected },
            countFigure("People held somewhere different, today → the changed estate") { $0.today.steps.first?.moved ?? .shown(0) },
            numberFigure("Their average miles from home, before", miles) { affectedMiles($0)?.meanMiles },
            numberFigure("Their average miles from home, after", miles) { affectedMilesAfter($0)?.meanMiles },
            numberFigure("Everyone held within 50 miles, after", percent) { everyoneAfter($0)?.within50 },
        ]
        for site in central.today.sites {
            figures.append(countFigure("Held at \(site.name) today") { a in a.today.sites.first { $0.code == site.code }?.heldToday ?? .shown(0) })
        }
        var changes: [String] = []
        for answer in central.familyTest {
            let ratings = all.map { a in a.familyTest.first { $0.number == answer.number }?.rating.rawValue ?? "missing" }
            let distinct = Array(Set(ratings)).sorted()
            if distinct.count > 1 {
                let tally = distinct.map { r in "\(r) in \(ratings.filter { $0 == r }.count)" }
                changes.append("Question \(answer.number) (\(familyTestTopics[answer.number - 1])): \(list(tally)) of \(all.count) draws.")
            }
        }
        return Draws(seeds: seeds, figures: figures, ratingChanges: changes)
    }

    /// This assessment with the range of its figures over `others`, drawn with `seeds` (this one's first); the
    /// summary gains a sentence saying whether a conclusion changes between draws.
    public func withDraws(_ others: [Assessment], seeds: [UInt64]) -> Assessment {
        guard !others.isEmpty else { return self }
        var a = self
        let draws = Assessment.draws(central: self, others: others, seeds: seeds)
        a.draws = draws
        a.headline.append(Assessment.drawsSentence(draws))
        return a
    }

    /// The summary sentence on the draws.
    static func drawsSentence(_ draws: Draws) -> String {
        let n = draws.seeds.count
        if draws.ratingChanges.isEmpty {
            return "Run on \(n) synthetic populations drawn with different seeds, no Family Test rating changes between draws; section 9 gives the range of each headline figure."
        }
        return "Run on \(n) synthetic populations drawn with different seeds, some conclusions change with the draw: " + draws.ratingChanges.joined(separator: " ") + " Read those ratings as uncertain; section 9 gives the range of each headline figure."
    }
}
