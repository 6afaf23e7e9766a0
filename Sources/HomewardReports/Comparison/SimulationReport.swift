import HomewardCore

/// The weekly series of a simulation, for CSV, JSON, HTML and Markdown.
public struct SimulationReport: Sendable {
    public var scenarioName: String
    public var weeks: [WeeklySimulation.Week]
    public var synthetic: Bool
    public var seed: UInt64
    public var timing: Bool

    public init(scenarioName: String, weeks: [WeeklySimulation.Week], synthetic: Bool, seed: UInt64, timing: Bool) {
        self.scenarioName = scenarioName
        self.weeks = weeks
        self.synthetic = synthetic
        self.seed = seed
        self.timing = timing
    }

    static let columns = ["week", "population_start", "arrivals", "remand_arrivals", "sentenced_arrivals", "recall_arrivals",
                          "releases", "remand_exits", "remand_sentenced", "progressions_to_open", "population_end", "moves",
                          "moves_limit", "must_move", "move_cost_used", "unplaced", "unplaced_women", "mean_miles", "within_50_miles", "in_home_region",
                          "occupancy_of_capacity", "objective"]

    /// Columns that vary from run to run (and the solver's work), left out with `timing: false`: the week's
    /// solves and pivots; seconds solving, building the model, for the whole week on the critical path, and
    /// for the turnover on the other core; and a cold solve's seconds, where asked for.
    static let timingColumns = ["solves", "pivots", "solve_seconds", "model_seconds", "week_seconds", "turnover_seconds",
                                "cold_solve_seconds"]

    func fields(_ w: WeeklySimulation.Week) -> [String] {
        var f = ["\(w.week)", "\(w.populationStart)", "\(w.arrivals)", "\(w.remandArrivals)", "\(w.sentencedArrivals)",
                 "\(w.recallArrivals)", "\(w.releases)", "\(w.remandExits)", "\(w.conversions)", "\(w.progressions)",
                 "\(w.populationEnd)", "\(w.moves)", w.movesLimit.map { "\($0)" } ?? "", "\(w.mustMove)", Format.fixed(w.moveCostUsed, 1),
                 "\(w.unplaced)", "\(w.unplacedWomen)", Format.fixed(w.meanMiles, 3), Format.fixed(w.within50, 5), Format.fixed(w.inHomeRegion, 5),
                 Format.fixed(w.occupancy, 5), Format.fixed(Double(w.objective) / 100, 2)]
        if datedColumns { f += [w.date ?? ""] + w.held.map { "\($0.people)" } }
        if timing {
            f += ["\(w.solves)", "\(w.pivots)", Format.fixed(w.solveSeconds, 3), Format.fixed(w.modelSeconds, 3),
                  Format.fixed(w.weekSeconds, 3), Format.fixed(w.turnoverSeconds, 3), w.coldSolveSeconds.map { Format.fixed($0, 3) } ?? ""]
        }
        return f
    }

    /// Whether the scenario's changes were applied at their dates: then each week has its date and the people
    /// held at each changed establishment.
    var datedColumns: Bool { weeks.first?.date != nil }

    /// The columns of weekly.csv and weekly.json.
    var header: [String] {
        var header = SimulationReport.columns
        if datedColumns { header += ["date"] + (weeks.first?.held.map { "held_\($0.code.rawValue)" } ?? []) }
        if timing { header += SimulationReport.timingColumns }
        return header
    }

    public func csv() -> String {
        return ([header.joined(separator: ",")] + weeks.map { fields($0).joined(separator: ",") }).joined(separator: "\n") + "\n"
    }

    public func json() -> JSON {
        let header = self.header
        return .object([
            ("scenario", .string(scenarioName)), ("seed", .int(Int64(bitPattern: seed))), ("weeks", .int(weeks.count)),
            ("synthetic_population", .bool(synthetic)),
            ("series", .array(weeks.map { w in
                .object(zip(header, fields(w)).map { key, value in
                    (key, value.isEmpty ? JSON.null : Double(value).map { JSON.number($0, decimals: value.contains(".") ? value.split(separator: ".")[1].count : 0) } ?? .string(value))
                })
            })),
        ])
    }

    public func document() -> ReportDocument {
        var doc = ReportDocument(
            title: weeks.count == 52 ? "A simulated year of weekly allocation"
                : weeks.count == 104 ? "Two simulated years of weekly allocation"
                : "\(weeks.count == 1 ? "One simulated week" : "\(Format.grouped(weeks.count)) simulated weeks") of allocation",
            subtitle: "\(scenarioName): \(weeks.count) weeks of arrivals, releases and progression, re-allocated optimally each week (seed \(seed)).",
            banner: synthetic
                ? "Illustrative: the people and their arrivals are synthetic, generated from published figures and documented estimates."
                : "The people at the start are the scenario's; the arrivals each week are synthetic, generated from published figures and documented estimates.")
        let labels = weeks.map { "\($0.week)" }
        func chart(_ title: String, _ label: String, _ values: [Double], _ format: SVGChart.ValueFormat, zero: Bool = true) -> String {
            SVGChart.lineChart(title: title, description: title + ", week by week.", xLabels: labels,
                               series: [.init(name: title, values: values.map { $0 })], xAxisLabel: "Week", yAxisLabel: label,
                               valueFormat: format, includesZero: zero)
        }
        if let first = weeks.first, let last = weeks.last {
            doc.add(.paragraph("Over \(weeks.count) weeks the population went from \(Format.grouped(first.populationStart)) to \(Format.grouped(last.populationEnd)); \(Format.grouped(weeks.map(\.arrivals).reduce(0, +))) people arrived and \(Format.grouped(weeks.map { $0.releases + $0.remandExits }.reduce(0, +))) left. The mean distance from home went from \(Format.fixed(first.meanMiles, 1)) to \(Format.fixed(last.meanMiles, 1)) miles, with \(Format.grouped(weeks.map(\.moves).reduce(0, +))) transfers in all\(first.movesLimit.map { " (at most \(Format.grouped($0)) a week where the rules allowed)" } ?? "")."))
            if let limit = first.movesLimit {
                let over = weeks.filter { $0.moves > limit }
                if !over.isEmpty {
                    let list = over.prefix(5).map {
                        "week \($0.week): \(Format.grouped($0.moves)) transfers"
                            + ($0.mustMove == 0 ? "" : " (\(Format.grouped($0.mustMove)) of them \($0.mustMove == 1 ? "a person" : "people") who could not lawfully stay)")
                    }
                    doc.add(.paragraph("The limit of \(Format.grouped(limit)) transfers a week was exceeded in \(over.count == 1 ? "1 week" : "\(over.count) weeks"). A limit cannot keep people where the rules no longer allow them to be (for example after a change of category or sentence stage that their establishment cannot hold), so in a week with more such people than the limit, the limit is raised to them: \(list.joined(separator: "; "))\(over.count > 5 ? "; and others" : "")."))
                }
            }
        }
        if let worst = weeks.max(by: { ($0.unplaced, -$0.week) < ($1.unplaced, -$1.week) }), worst.unplaced > 0 {
            let short = weeks.filter { $0.unplaced > 0 }.count
            let women = worst.unplacedWomen, men = worst.unplaced - worst.unplacedWomen
            let who = men == 0 ? (women == 1 ? "a woman" : "all women") : women == 0 ? (men == 1 ? "a man" : "all men")
                : "\(Format.grouped(women)) \(women == 1 ? "woman" : "women") and \(Format.grouped(men)) \(men == 1 ? "man" : "men")"
            doc.add(.paragraph("In \(short == 1 ? "1 week" : "\(short) weeks") some people could not be placed: no lawful place was free for them. The most was \(Format.grouped(worst.unplaced)) in week \(worst.week): \(who)."))
        }
        doc.add(.figure(svg: chart("Mean distance from home", "Miles", weeks.map(\.meanMiles), .number(decimals: 1), zero: false),
                        caption: "Mean estimated road miles from home of the people placed."))
        doc.add(.figure(svg: chart("Held within 50 miles of home", "Share", weeks.map(\.within50), .percent(), zero: false),
                        caption: "Share of the people placed who are within 50 miles of home."))
        doc.add(.figure(svg: chart("Transfers each week", "Transfers", weeks.map { Double($0.moves) }, .number()),
                        caption: "Transfers between establishments each week (arrivals are not transfers)."))
        if weeks.contains(where: { $0.unplaced > 0 }) {
            doc.add(.figure(svg: chart("People not placed", "People", weeks.map { Double($0.unplaced) }, .number()),
                            caption: "People for whom no lawful place was free that week."))
        } else {
            // A flat line at zero on an axis of fractions of a person says less than a sentence.
            doc.add(.paragraph("Everyone was placed in every week: a lawful place was free for each person."))
        }
        doc.add(.figure(svg: chart("Occupancy", "Share of operational capacity", weeks.map(\.occupancy), .percent(), zero: false),
                        caption: "People held as a share of the estate's operational capacity."))
        doc.add(.table(.init(caption: "Week by week", header: ["Week", "Arrivals", "Releases", "Remand exits", "Population", "Transfers", "Not placed", "Mean miles", "Within 50 miles"],
                             rows: weeks.map { w in
                                 ["\(w.week)", Format.grouped(w.arrivals), Format.grouped(w.releases), Format.grouped(w.remandExits), Format.grouped(w.populationEnd),
                                  Format.grouped(w.moves), Format.grouped(w.unplaced), Format.fixed(w.meanMiles, 1), Format.percent(w.within50, 1)]
                             },
                             note: "Releases are sentenced people released (their time served, or a parole review), as in weekly.csv's releases column; remand exits are people on remand who leave custody (bail, acquittal, a non-custodial sentence), as in its remand_exits column.")))
        doc.add(.note("Weekly flows, scaled to the population simulated: 1,450 first receptions and 930 recalls a week for 88,000 people, from Ministry of Justice Offender Management Statistics for 2025; the split of first receptions into 950 remand and 500 sentenced, about 400 remand exits to the community and 550 remand prisoners sentenced, and 130 progressions to open conditions are documented estimates (Estate/SOURCES.md, section 10). Releases are not a rate: each person leaves when their time to serve runs out, and a person serving an indeterminate sentence when a parole review releases them (a third of reviews do; an estimate from published Parole Board outcomes). A transfer limit is met exactly, as a single allocation meets one: a price per transfer is raised to the point where the plans within the limit start, and each week's plan is the cheapest found with no more transfers than the limit (weekly.csv's move_cost_used is the move cost plus that price); the week's transfers are chosen by what they do for families, costs and the rules, so those that bring people back to their home region compete with the rest on the same terms."))
        return doc
    }
}
