import HomewardCore

/// Seconds spent in each phase; kept apart so that results stay comparable run to run.
public struct Timing: Sendable, Equatable {
    public var loadSeconds: Double
    public var buildSeconds: Double
    public var solveSeconds: Double
    public var reportSeconds: Double

    public init(loadSeconds: Double = 0, buildSeconds: Double = 0, solveSeconds: Double = 0, reportSeconds: Double = 0) {
        self.loadSeconds = loadSeconds
        self.buildSeconds = buildSeconds
        self.solveSeconds = solveSeconds
        self.reportSeconds = reportSeconds
    }
}

/// summary.json of an allocation.
public enum AllocationSummary {
    /// The keys that hold timings: remove them to compare two runs byte for byte.
    public static let timingKeys: Set<String> = ["solve_seconds", "timing"]

    /// The summary as JSON.
    /// - Parameters:
    ///   - allocation: the solved allocation.
    ///   - metrics: its figures.
    ///   - scenario: the scenario's name and question.
    ///   - synthetic: whether the population is synthetic.
    ///   - inputs: the input files with their hashes.
    ///   - timing: phase timings, or nil to leave timing out entirely.
    public static func json(
        _ allocation: Allocation, metrics m: PlanMetrics, scenario: Scenario, synthetic: Bool,
        inputs: [InputFile], timing: Timing?
    ) -> JSON {
        let stats = allocation.formulation.statistics
        let policy = allocation.formulation.cost.policy
        let breakdown = allocation.plan.breakdown
        var unplacedReasons: [String: Int] = [:]
        for placement in allocation.plan.placements where placement.destination == nil {
            unplacedReasons[placement.reason.code, default: 0] += 1
        }
        var pairs: [(String, JSON)] = [
            ("scenario", .string(scenario.name)),
            ("question", .string(scenario.question)),
            ("population_note", .string(synthetic ? Wording.syntheticNote : Wording.realDataNote)),
            ("synthetic_population", .bool(synthetic)),
            ("status", .string(AllocationSummary.status(allocation))),
            ("solver", .string(allocation.statistics.solver.rawValue)),
            ("objective", .num(Double(allocation.solution.objective) / 100, 2)),
            ("dual_objective", .num(allocation.solution.dualObjective.map { Double($0) / 100 }, 2)),
            ("objective_breakdown", .object(breakdown.components.map { ($0.name, JSON.num(Double($0.centipoints) / 100, 2)) })),
            ("cost_unit", .string("points: 1 point = 1 km of estimated road distance for a person whose stage has weight 1")),
            ("prisoners", .int(m.prisoners)),
            ("placed", .int(m.placed)),
            ("unplaced", .int(m.unplaced)),
            ("unplaced_by_reason", .object(unplacedReasons.sorted { $0.key < $1.key }.map { ($0.key, JSON.int($0.value)) })),
            ("moves", .int(m.moves)),
            ("receptions_placed", .int(m.receptionsPlaced)),
            ("distance", .object([("before", distanceJSON(m.before)), ("after", distanceJSON(m.after))])),
            ("home_region_share", .object([("before", .num(m.homeRegionBefore)), ("after", .num(m.homeRegionAfter))])),
            ("population_management", managementJSON(m.management)),
            ("non_associations", allocation.statistics.coupled.map(coupledJSON) ?? .null),
            ("groups", .int(stats.groups)),
            ("profiles", .int(stats.profiles)),
            ("variables", .int(stats.variables)),
            ("constraints", .int(stats.constraints)),
            ("distance_model", .object([
                ("kind", .string("great-circle distance from the home local authority's ONS point to the establishment's postcode, times a road circuity factor")),
                ("circuity_factor", .num(policy.circuityFactor, 2)),
                ("measured_pairs", .int(allocation.formulation.cost.distances.measuredPairs)),
            ])),
            ("policy", .string(PolicyLoader.write(policy))),
            ("inputs", .object(inputs.map { ($0.role, JSON.object([("path", .string($0.path)), ("sha256", .string($0.sha256))])) })),
            ("establishments", .array(m.establishments.filter(\.inScope).map(establishmentJSON))),
        ]
        if !allocation.formulation.population.week.placeNeeds.isEmpty {
            // Only for a week with place needs (an extract), so that other summaries keep their shape.
            var fields: [(String, JSON)] = [("note", .string(UnknownTypedPlaces.note))]
            for kind in UnknownTypedPlaces(allocation: allocation).kinds {
                fields.append((kind.need, .object([
                    ("establishments", .array(kind.establishments.map { JSON.string($0.rawValue) })),
                    ("people", .int(kind.people)),
                ])))
            }
            pairs.append(("places_by_type_unknown", .object(fields)))
        }
        if let limits = allocation.statistics.movesLimit {
            pairs.append(("moves_limit", movesLimitJSON(limits, allocation: allocation)))
        }
        if let timing {
            pairs.append(("solve_seconds", .num(timing.solveSeconds, 3)))
            pairs.append(("timing", timingJSON(timing, statistics: allocation.statistics)))
        }
        return .object(pairs)
    }

    /// The phase timings, and where the solve's time went with non-associations or a moves limit (issue #23).
    static func timingJSON(_ timing: Timing, statistics: SolveStatistics) -> JSON {
        var phases: [(String, JSON)] = [
            ("load_seconds", .num(timing.loadSeconds, 3)), ("build_seconds", .num(timing.buildSeconds, 3)),
            ("solve_seconds", .num(timing.solveSeconds, 3)), ("report_seconds", .num(timing.reportSeconds, 3)),
        ]
        if let seconds = statistics.coupled?.seconds {
            phases.append(("solve_non_associations", .object([
                ("relaxation_seconds", .num(seconds.relaxation, 3)), ("laying_seconds", .num(seconds.laying, 3)),
                ("upper_bound_seconds", .num(seconds.upperBound, 3)),
                ("lagrangian_seconds", .num(seconds.lagrangian, 3)),
                ("fixing_seconds", .num(seconds.fixing, 3)), ("mip_seconds", .num(seconds.mip, 3)),
            ])))
        }
        if let seconds = statistics.movesLimit?.seconds {
            phases.append(("solve_moves_limit", .object([
                ("price_seconds", .num(seconds.price, 3)), ("fixing_seconds", .num(seconds.fixing, 3)),
                ("mip_seconds", .num(seconds.mip, 3)),
            ])))
        }
        return .object(phases)
    }

    static func distanceJSON(_ d: DistanceStatistics) -> JSON {
        .object([
            ("people", .int(d.count)),
            ("mean_km", .num(d.meanKm, 1)), ("median_km", .num(d.medianKm, 1)), ("p90_km", .num(d.p90Km, 1)),
            ("mean_miles", .num(d.meanMiles, 1)), ("median_miles", .num(d.medianMiles, 1)), ("p90_miles", .num(d.p90Miles, 1)),
            ("share_within_50_miles", .num(d.within50Miles)), ("share_within_100_miles", .num(d.within100Miles)),
            ("straight_line_mean_miles", .num(d.meanStraightLineMiles, 1)),
        ])
    }

    /// "optimal", or, where non-associations were solved and the optimum not proven, "feasible, not proven optimal".
    public static func status(_ allocation: Allocation) -> String {
        if let limits = allocation.statistics.movesLimit, !limits.proven { return "feasible, not proven optimal" }
        guard let coupled = allocation.statistics.coupled, !coupled.proven else { return "optimal" }
        return "feasible, not proven optimal"
    }

    /// How the moves limit was solved (issue #23, item 3): the price, the bounds, and whether the plan is proven;
    /// and where a departures cap had to give way.
    static func movesLimitJSON(_ c: MovesLimitStatistics, allocation: Allocation) -> JSON {
        .object([
            ("limit", .int(c.limit)), ("moves", .int(c.moves)), ("moves_without_limit", c.unlimitedMoves.map(JSON.int) ?? .null),
            ("price_per_transfer_points", .num(c.price, 4)),
            ("lower_bound", .num(Double(c.lowerBound) / 100, 2)),
            // The LP bound raised by restricted MIPs that found no cheaper plan of whole people (the plan's cost when proven).
            ("integer_bound", .num(Double(c.integerBound) / 100, 2)), ("upper_bound", .num(Double(c.upperBound) / 100, 2)),
            ("gap", .num(c.gap, 6)), ("method", .string(c.method)), ("network_solves", .int(c.solves)),
            ("fixed_arcs", .int(c.fixedArcs)), ("mip_stages", .int(c.mipStages)), ("mip_columns", .int(c.mipColumns)),
            ("mip_rows", .int(c.mipRows)), ("nodes", .int(c.nodes)),
            ("proven_optimal", .bool(c.proven)), ("not_proven_because", c.notProven.map(JSON.string) ?? .null),
        ])
    }

    /// How the non-associations were solved (issue #23): bounds, conflicts, the MIP and whether the plan is proven.
    static func coupledJSON(_ c: CoupledStatistics) -> JSON {
        .object([
            ("apart_pairs", .int(c.apartPairs)), ("costed_pairs", .int(c.costedPairs)),
            // "relaxation": the network relaxation, repair, bounds and reduced-cost fixing; "whole_mip": with side rows
            // (a moves limit), the week as one MIP on GLPK.
            ("method", .string(c.wholeMIP ? "whole_mip" : "relaxation")),
            ("left_to_the_establishment_both_must_stay", .int(c.leftToEstablishment)),
            ("conflicts_in_relaxation", .int(c.conflictsInRelaxation)),
            ("lower_bound", .num(Double(c.lowerBound) / 100, 2)),
            // Pair rows laid into the network as structure, the solves that took, and that network's optimum.
            ("laid_rows", .int(c.laidRows)), ("laying_rounds", .int(c.layingRounds)), ("laid_bound", .num(Double(c.laidBound) / 100, 2)),
            ("upper_bound", .num(Double(c.upperBound) / 100, 2)),
            // The plan's cost with the sharing costs of costed pairs: the exported MIP's optimum (`export --mip`), in points.
            ("objective", .num(Double(c.objective) / 100, 2)), ("sharing_cost", .num(Double(c.sharingCost) / 100, 2)),
            ("repair_rounds", .int(c.repairRounds)),
            ("lagrangian_bound", .num(Double(c.lagrangianBound) / 100, 2)), ("lagrangian_solves", .int(c.lagrangianSolves)),
            ("lagrangian_rows", .int(c.lagrangianRows)),
            // The bounds raised by restricted MIPs that found no cheaper plan (the plan's cost when proven).
            ("integer_bound", .num(Double(c.integerBound) / 100, 2)), ("fixed_arcs", .int(c.fixedArcs)),
            ("mip_stages", .int(c.mipStages)), ("mip_columns", .int(c.mipColumns)), ("mip_rows", .int(c.mipRows)), ("nodes", .int(c.nodes)),
            ("gap", .num(c.gap, 6)), ("pairs_sharing_at_a_cost", .int(c.pairsSharing)),
            ("proven_optimal", .bool(c.proven)), ("not_proven_because", c.notProven.map(JSON.string) ?? .null),
        ])
    }

    static func managementJSON(_ g: ManagementFigures) -> JSON {
        .object([
            ("transfers_under_28_days_left", .int(g.transfersNearRelease)),
            ("of_which_unavoidable", .int(g.transfersNearReleaseForced)),
            ("reception_prisons", .object([
                ("usable_places", .int(g.receptionUsablePlaces)), ("free_places", .int(g.receptionFreePlaces)),
                ("reserve_places", .int(g.receptionReservePlaces)),
                ("sentenced_moved_in_by_stage", .object(g.sentencedMovedIntoReception.map { ($0.stage.rawValue, JSON.int($0.people)) })),
                ("sentenced_moved_in_to_a_prison_not_suiting_their_stage", .int(g.sentencedMovedIntoUnsuitedReception)),
                ("training_stage_held", .int(g.trainingStageInReception)),
                ("training_stage_held_where_not_also_a_training_prison", .int(g.trainingStageInReceptionOnly)),
            ])),
            ("open_category_in_closed_conditions", .object([
                ("before", .int(g.openCategoryInClosedBefore)), ("after", .int(g.openCategoryInClosedAfter)),
                ("open_category_placed", .int(g.openCategoryPlaced)),
            ])),
            ("out_of_home_region", .object([
                ("before", .int(g.outOfRegionBefore)), ("after", .int(g.outOfRegion)),
                ("after_with_a_lawful_free_place_in_home_region", .int(g.outOfRegionRepatriable)),
                ("brought_back", .int(g.repatriated)),
            ])),
        ])
    }

    static func establishmentJSON(_ e: PlanMetrics.EstablishmentFigures) -> JSON {
        .object([
            ("code", .string(e.code.rawValue)), ("name", .string(e.name)), ("region", .string(e.region)),
            ("occupancy_before", .int(e.occupancyBefore)), ("occupancy", .int(e.occupancyAfter)),
            ("operational_capacity", .int(e.operationalCapacity)), ("usable_capacity", .int(e.usableCapacity)),
            ("cna", .int(e.cna)), ("capacity_shadow_price", .num(e.shadowPrice, 2)), ("closed", .bool(e.closed)),
        ])
    }
}

/// Sentences used in every output.
public enum Wording {
    public static let syntheticNote = "The population is synthetic: generated from published aggregates, because prisoner-level data are not public. Figures about people are illustrative, not a description of real individuals."
    public static let realDataNote = "The population was supplied by the user."
}
