import HomewardCore

/// Several estate configurations allocated with the same people and policy,
/// side by side: one column per configuration, one row per measure.
public struct Comparison: Sendable {
    /// One configuration and its optimal allocation.
    public struct Configuration: Sendable {
        public var name: String
        public var file: String
        public var allocation: Allocation

        public init(name: String, file: String, allocation: Allocation) {
            self.name = name
            self.file = file
            self.allocation = allocation
        }
    }

    /// How a row's values are written.
    public enum Kind: String, Sendable {
        case count, points, miles, share
    }

    /// One measure, with a value per configuration (nil where it does not apply, e.g. nobody in the group).
    public struct Row: Sendable, Equatable {
        public var section: String
        public var key: String
        public var label: String
        public var kind: Kind
        public var values: [Double?]
    }

    /// An establishment where one more place would lower the objective most.
    public struct ShadowPrice: Sendable, Equatable {
        public var code: String
        public var name: String
        public var points: Double
    }

    public var names: [String]
    public var files: [String]
    public var rows: [Row]
    /// Per configuration, the ten establishments with the highest capacity shadow price.
    public var shadowPrices: [[ShadowPrice]]
    public var statuses: [String]
    public var solvers: [String]
    public var synthetic: Bool
    public var peopleCount: Int

    /// Computes every row from the allocations.
    public init(_ configurations: [Configuration], synthetic: Bool) {
        names = Comparison.columnNames(configurations)
        files = configurations.map(\.file)
        statuses = configurations.map { _ in "optimal" }  // an allocation exists only once its optimum is proven
        solvers = configurations.map { $0.allocation.statistics.solver.rawValue }
        self.synthetic = synthetic
        peopleCount = configurations.first?.allocation.plan.placements.count ?? 0
        let metrics = configurations.map { PlanMetrics(allocation: $0.allocation) }
        let measures = Measures(configurations: configurations, metrics: metrics)
        rows = measures.objective() + measures.people() + measures.distance() + measures.management()
            + Comparison.groupRows(configurations.map { Comparison.groupFigures($0.allocation) })
            + measures.occupancy()
        shadowPrices = metrics.map(Comparison.shadowPrices)
    }

    /// The configurations' names, numbered where repeated so that columns can be told apart.
    static func columnNames(_ configurations: [Configuration]) -> [String] {
        var seen: [String: Int] = [:]
        return configurations.map { c in
            seen[c.name, default: 0] += 1
            let n = seen[c.name]!
            return n == 1 ? c.name : "\(c.name) (\(n))"
        }
    }

    /// The rows computed the same way for every configuration, from its allocation and metrics.
    private struct Measures {
        let configurations: [Configuration]
        let metrics: [PlanMetrics]

        /// A row whose value for each configuration is `value` of its allocation and metrics.
        func row(_ section: String, _ key: String, _ label: String, _ kind: Kind,
                 _ value: (Allocation, PlanMetrics) -> Double?) -> Row {
            Row(section: section, key: key, label: label, kind: kind,
                values: zip(configurations, metrics).map { value($0.allocation, $1) })
        }

        /// The objective and its components.
        func objective() -> [Row] {
            var rows = [row("Objective", "objective", "Objective (points; lower is better)", .points) { a, _ in Double(a.solution.objective) / 100 }]
            for (k, component) in CostBreakdown().components.enumerated() {
                rows.append(row("Objective", "cost_" + component.name.replacingOccurrences(of: " ", with: "_").lowercased(),
                                "  " + component.name.replacingOccurrences(of: "_", with: " ").capitalisedFirst, .points) { a, _ in
                    Double(a.plan.breakdown.components[k].centipoints) / 100
                })
            }
            return rows
        }

        /// People placed, not placed and moved.
        func people() -> [Row] {
            [
                row("People", "prisoners", "People", .count) { _, m in Double(m.prisoners) },
                row("People", "placed", "Placed", .count) { _, m in Double(m.placed) },
                row("People", "unplaced", "Not placed", .count) { _, m in Double(m.unplaced) },
                row("People", "moves", "Transfers", .count) { _, m in Double(m.moves) },
            ]
        }

        /// What a population management unit reads a plan by (``ManagementFigures``).
        func management() -> [Row] {
            let section = "Population management"
            var rows = [
                row(section, "transfers_under_28_days", "Transfers with fewer than 28 days left", .count) { _, m in
                    Double(m.management.transfersNearRelease)
                },
                row(section, "reception_free_places", "Free places at reception prisons", .count) { _, m in
                    Double(m.management.receptionFreePlaces)
                },
                row(section, "reception_reserve_places", "Places reception prisons keep for the courts (policy)", .count) { _, m in
                    Double(m.management.receptionReservePlaces)
                },
            ]
            for (k, stage) in Stage.allCases.filter({ $0 != .remand }).enumerated() {
                rows.append(row(section, "sentenced_moved_into_reception_\(stage.rawValue)",
                                "Sentenced people moved into reception prisons: \(stage.phrase)", .count) { _, m in
                    Double(m.management.sentencedMovedIntoReception[k].people)
                })
            }
            rows += [
                row(section, "sentenced_moved_into_unsuited_reception", "Of them, into a prison whose functions do not suit their stage", .count) { _, m in
                    Double(m.management.sentencedMovedIntoUnsuitedReception)
                },
                row(section, "training_stage_in_reception", "Training-stage people held at reception prisons", .count) { _, m in
                    Double(m.management.trainingStageInReception)
                },
                row(section, "training_stage_in_reception_only", "Of them, where it is not also a training prison", .count) { _, m in
                    Double(m.management.trainingStageInReceptionOnly)
                },
                row(section, "open_category_in_closed", "Open categories (Cat D, open women) held in closed conditions", .count) { _, m in
                    Double(m.management.openCategoryInClosedAfter)
                },
                row(section, "out_of_home_region", "Held outside their home region", .count) { _, m in Double(m.management.outOfRegion) },
                row(section, "out_of_home_region_repatriable", "Of whom a lawful free place exists in their home region", .count) { _, m in
                    Double(m.management.outOfRegionRepatriable)
                },
                row(section, "repatriated", "Brought back to their home region", .count) { _, m in Double(m.management.repatriated) },
            ]
            return rows
        }

        /// Distance from home of everyone placed.
        func distance() -> [Row] {
            [
                row("Distance from home", "mean_miles", "Mean (miles by road)", .miles) { _, m in m.after.meanMiles },
                row("Distance from home", "mean_straight_line_miles", "Mean (straight-line miles, as MoJ publishes)", .miles) { _, m in
                    m.after.meanStraightLineMiles
                },
                row("Distance from home", "median_miles", "Median (miles)", .miles) { _, m in m.after.medianMiles },
                row("Distance from home", "p90_miles", "90th percentile (miles)", .miles) { _, m in m.after.p90Miles },
                row("Distance from home", "within_50_miles", "Within 50 miles", .share) { _, m in m.after.within50Miles },
                row("Distance from home", "within_100_miles", "Within 100 miles", .share) { _, m in m.after.within100Miles },
                row("Distance from home", "in_home_region", "In home region", .share) { _, m in m.homeRegionAfter },
            ]
        }

        /// Occupancy of the open establishments against the certified normal accommodation.
        func occupancy() -> [Row] {
            func open(_ m: PlanMetrics) -> [PlanMetrics.EstablishmentFigures] { m.establishments.filter { $0.inScope && !$0.closed } }
            return [
                row("Occupancy", "establishments", "Establishments open", .count) { _, m in Double(open(m).count) },
                row("Occupancy", "operational_capacity", "Operational capacity", .count) { _, m in Double(open(m).map(\.operationalCapacity).reduce(0, +)) },
                row("Occupancy", "cna", "Certified normal accommodation (CNA)", .count) { _, m in Double(open(m).map(\.cna).reduce(0, +)) },
                row("Occupancy", "held", "People held", .count) { _, m in Double(open(m).map(\.occupancyAfter).reduce(0, +)) },
                row("Occupancy", "occupancy_of_cna", "People held as a share of CNA", .share) { _, m in
                    let cna = open(m).map(\.cna).reduce(0, +)
                    return cna > 0 ? Double(open(m).map(\.occupancyAfter).reduce(0, +)) / Double(cna) : nil
                },
                row("Occupancy", "above_cna", "Establishments holding more than their CNA", .count) { _, m in
                    Double(open(m).filter { $0.occupancyAfter > $0.cna }.count)
                },
            ]
        }
    }

    /// By sex and by home region: mean miles and share within 50 miles of those placed, each group's two rows together.
    static func groupRows(_ groups: [(bySex: [String: GroupFigure], byRegion: [String: GroupFigure])]) -> [Row] {
        var rows: [Row] = []
        for sex in ["Men", "Women"] {
            rows.append(Row(section: "By sex", key: "mean_miles_" + sex.lowercased(), label: sex + ": mean miles", kind: .miles,
                            values: groups.map { $0.bySex[sex]?.meanMiles }))
            rows.append(Row(section: "By sex", key: "within_50_miles_" + sex.lowercased(), label: sex + ": within 50 miles",
                            kind: .share, values: groups.map { $0.bySex[sex]?.within50 }))
        }
        let regions = Set(groups.flatMap { $0.byRegion.keys }).sorted()
        for region in regions {
            let key = region.lowercased().replacingOccurrences(of: " ", with: "_")
            rows.append(Row(section: "By home region", key: "mean_miles_" + key, label: region + ": mean miles", kind: .miles,
                            values: groups.map { $0.byRegion[region]?.meanMiles }))
            rows.append(Row(section: "By home region", key: "within_50_miles_" + key, label: region + ": within 50 miles",
                            kind: .share, values: groups.map { $0.byRegion[region]?.within50 }))
        }
        return rows
    }

    /// The ten establishments with the highest capacity shadow price (ties by code), leaving out closed ones.
    static func shadowPrices(_ m: PlanMetrics) -> [ShadowPrice] {
        m.establishments.compactMap { e -> ShadowPrice? in
            guard let price = e.shadowPrice, price > 0, !e.closed else { return nil }
            return ShadowPrice(code: e.code.rawValue, name: e.name, points: price)
        }
        .sorted { $0.points != $1.points ? $0.points > $1.points : $0.code < $1.code }
        .prefix(10).map { $0 }
    }

    struct GroupFigure {
        var meanMiles: Double
        var within50: Double
    }

    /// Mean miles and share within 50 miles of the people placed, by sex and by home region.
    static func groupFigures(_ allocation: Allocation) -> (bySex: [String: GroupFigure], byRegion: [String: GroupFigure]) {
        let f = allocation.formulation
        var sums: [String: (miles: Double, within: Int, n: Int)] = [:]
        for placement in allocation.plan.placements {
            guard let e = placement.destination else { continue }
            let prisoner = f.population.prisoners[placement.prisoner]
            let home = f.cost.geography.index(of: prisoner.home)!
            let miles = f.cost.distances.km(home, e) / DistanceTable.kmPerMile
            for key in ["sex:" + (prisoner.sex == .male ? "Men" : "Women"), "region:" + f.cost.geography.authorities[home].region] {
                var s = sums[key, default: (0, 0, 0)]
                s.miles += miles
                s.within += miles <= 50 ? 1 : 0
                s.n += 1
                sums[key] = s
            }
        }
        var bySex: [String: GroupFigure] = [:], byRegion: [String: GroupFigure] = [:]
        for (key, s) in sums {
            let figure = GroupFigure(meanMiles: s.miles / Double(s.n), within50: Double(s.within) / Double(s.n))
            if key.hasPrefix("sex:") { bySex[String(key.dropFirst(4))] = figure } else { byRegion[String(key.dropFirst(7))] = figure }
        }
        return (bySex, byRegion)
    }
}
